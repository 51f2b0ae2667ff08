using Maillage.Domain.Common;
using Maillage.Domain.Currency;
using Maillage.Domain.Organisations;
using Maillage.Web.Data;
using Maillage.Web.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using LedgerAccount = Maillage.Domain.Currency.Account;

namespace Maillage.Web.Features.Currency;

/// <summary>
/// A page of an organisation's currency account (/{chamber}/espace/{org}/monnaie…), for the people of that
/// organisation only; another chamber's or another organisation's slug is a 404.
/// </summary>
[Authorize]
public abstract class MemberCurrencyPageModel : ChamberPageModel
{
    public Organisation Organisation { get; private set; } = null!;

    public CurrencyDefinition Currency { get; private set; } = null!;

    public LedgerAccount Account { get; private set; } = null!;

    /// <summary>Active organisations' people may pay and answer; a suspended organisation only reads.</summary>
    public bool CanAct { get; private set; }

    public bool IsMemberAdmin => Me.IsMemberAdmin(Organisation.Id);

    public string BasePath => $"/{Chamber.Slug}/espace/{Organisation.Slug}/monnaie";

    protected MaillageDbContext Db => HttpContext.RequestServices.GetRequiredService<MaillageDbContext>();

    protected CurrencyAccounts Accounts => HttpContext.RequestServices.GetRequiredService<CurrencyAccounts>();

    protected LedgerService Ledger => HttpContext.RequestServices.GetRequiredService<LedgerService>();

    protected LedgerActor Actor => new(Me.UserId, Me.DisplayName);

    protected async Task<bool> LoadAccountAsync(string slug)
    {
        var organisation = await Db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.ChamberId == Chamber.Id && o.Slug == slug, HttpContext.RequestAborted);
        if (organisation is null || !Me.IsMemberOf(organisation.Id))
        {
            return false;
        }

        var currency = await Accounts.CurrencyAsync(Chamber.Id, HttpContext.RequestAborted);
        var account = currency is null ? null : await Accounts.AccountOfAsync(Chamber.Id, organisation.Id, HttpContext.RequestAborted);
        if (account is null)
        {
            return false;
        }

        Organisation = organisation;
        Currency = currency!;
        Account = account;
        CanAct = organisation.State == OrganisationState.Active;
        return true;
    }

    public string Money(long minorUnits) => CurrencyErrors.Money(minorUnits, Currency);

    /// <summary>Reads a typed amount ("1 234,50", "1'234.50"); adds the French/English message next to the field when it is not one.</summary>
    protected long? ParseAmount(string? text, string key)
    {
        if (Amounts.TryParse(text, Currency.MinorDigits, AmountRule.Positive, out var amount, out var error))
        {
            return amount;
        }

        ModelState.AddModelError(key, CurrencyErrors.Message(L, new LedgerException(error!, "Amount"), Currency));
        return null;
    }

    /// <summary>
    /// The member named in a form: the exact name (accents and case ignored), or the only one whose name contains
    /// what was typed; otherwise an error that lists the closest names.
    /// </summary>
    protected async Task<LedgerAccount?> ResolveMemberAsync(string? typed, string key)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            ModelState.AddModelError(key, L["Currency.Form.MemberRequired"]);
            return null;
        }

        var folded = TextNormalizer.Fold(typed);
        var candidates = await Accounts.SearchPayeesAsync(Chamber.Id, typed, Guid.Empty, 6, HttpContext.RequestAborted);
        var exact = candidates.Where(c => TextNormalizer.Fold(c.Name) == folded).ToList();
        var chosen = exact.Count == 1 ? exact[0] : candidates.Count == 1 ? candidates[0] : null;
        if (chosen is null)
        {
            ModelState.AddModelError(key, candidates.Count == 0
                ? L["Currency.Form.MemberUnknown", typed.Trim()]
                : L["Currency.Form.MemberAmbiguous", string.Join(", ", candidates.Take(5).Select(c => c.Name))]);
            return null;
        }

        if (chosen.OrganisationId == Organisation.Id)
        {
            ModelState.AddModelError(key, L["Currency.Error.SameAccount"]);
            return null;
        }

        ResolvedName = chosen.Name;
        var account = await Accounts.AccountOfAsync(Chamber.Id, chosen.OrganisationId, HttpContext.RequestAborted);
        if (account is null)
        {
            ModelState.AddModelError(key, L["Currency.Error.PayeeUnknown"]);
        }

        return account;
    }

    /// <summary>The name of the member the last <see cref="ResolveMemberAsync"/> found.</summary>
    protected string ResolvedName { get; private set; } = string.Empty;

    /// <summary>A refusal of the ledger shown next to its field (or at the top).</summary>
    protected void AddRefusal(LedgerException error, string prefix = "Input.")
    {
        ArgumentNullException.ThrowIfNull(error);
        ModelState.AddModelError(CurrencyErrors.FormField(error, prefix, string.Empty), CurrencyErrors.Message(L, error, Currency));
    }

    /// <summary>Every active member's name, for the suggestions of the name fields (a datalist: no script needed).</summary>
    public IReadOnlyList<PayeeOption> Members { get; private set; } = [];

    protected async Task LoadMembersAsync() =>
        Members = await Accounts.SearchPayeesAsync(Chamber.Id, null, Organisation.Id, 500, HttpContext.RequestAborted);
}
