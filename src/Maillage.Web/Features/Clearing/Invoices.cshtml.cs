using System.Globalization;
using Maillage.Domain.Common;
using Maillage.Domain.Invoices;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Clearing;

/// <summary>The organisation's invoices owed to it and by it: declare one, confirm or dispute the other side's, see what rounds did.</summary>
public sealed class InvoicesModel(InvoiceBook book, ClearingReports reports, TimeProvider clock) : MemberInvoicePageModel
{
    public sealed class DeclareInput
    {
        /// <summary>"owed-to-us" (we are the creditor) or "owed-by-us".</summary>
        public string Direction { get; set; } = OwedToUs;

        public Guid? Counterparty { get; set; }

        public string? Number { get; set; }

        public string? Amount { get; set; }

        public string? IssueDate { get; set; }

        public string? DueDate { get; set; }
    }

    public const string OwedToUs = "owed-to-us";
    public const string OwedByUs = "owed-by-us";

    [BindProperty]
    public DeclareInput Input { get; set; } = new();

    public IReadOnlyList<MemberInvoice> Invoices { get; private set; } = [];

    public IReadOnlyList<Counterparty> Counterparties { get; private set; } = [];

    public IReadOnlyList<ClearingRound> Rounds { get; private set; } = [];

    /// <summary>The chamber's currency when the liquidity-saving step can use it (units pegged to the franc).</summary>
    public Domain.Currency.CurrencyDefinition? Currency { get; private set; }

    /// <summary>Whether the organisation has an account in that currency.</summary>
    public bool HasCurrencyAccount { get; private set; }

    public CurrencyConsent? Consent { get; private set; }

    /// <summary>Optional cap per round on what the step may pay from the account.</summary>
    [BindProperty]
    public string? ConsentUpTo { get; set; }

    public async Task<IActionResult> OnGetAsync(string org) => await LoadAsync(org) ? Page() : NotFound();

    public async Task<IActionResult> OnPostDeclareAsync(string org)
    {
        if (!await LoadAsync(org))
        {
            return NotFound();
        }

        if (!CanAct)
        {
            return Forbid();
        }

        if (Input.Direction is not (OwedToUs or OwedByUs))
        {
            ModelState.AddModelError("Input.Direction", L["Validation.InvalidChoice"]);
        }

        if (Input.Counterparty is null)
        {
            ModelState.AddModelError("Input.Counterparty", L["Validation.Required"]);
        }

        var amount = ParseAmount(Input.Amount, "Input.Amount");
        var issue = ParseDate(Input.IssueDate, "Input.IssueDate");
        var due = ParseDate(Input.DueDate, "Input.DueDate");
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var ours = Input.Direction == OwedToUs;
        var draft = new InvoiceDraft(ours ? Input.Counterparty!.Value : Organisation.Id, ours ? Organisation.Id : Input.Counterparty!.Value, Input.Number ?? string.Empty, amount!.Value, issue!.Value, due!.Value);
        var (invoice, errors) = await book.DeclareAsync(Chamber.Slug, Chamber.Id, Organisation, Me.UserId, draft, HttpContext.RequestAborted);
        if (invoice is null)
        {
            foreach (var error in errors)
            {
                ModelState.AddModelError("Input." + error.Field, L.InvoiceMessage(error));
            }

            return Page();
        }

        Flash(L["Invoice.Declared", invoice.Number]);
        return Redirect(InvoicesPath);
    }

    public async Task<IActionResult> OnPostConsentAsync(string org)
    {
        if (!await LoadAsync(org))
        {
            return NotFound();
        }

        if (!CanAct || Currency is null || !HasCurrencyAccount)
        {
            return Forbid();
        }

        long? upTo = null;
        if (!string.IsNullOrWhiteSpace(ConsentUpTo))
        {
            upTo = ParseAmount(ConsentUpTo, nameof(ConsentUpTo));
            if (upTo is null)
            {
                return Page();
            }
        }

        var consent = await Db.Set<CurrencyConsent>().FirstOrDefaultAsync(c => c.OrganisationId == Organisation.Id, HttpContext.RequestAborted);
        if (consent is null)
        {
            consent = new CurrencyConsent { OrganisationId = Organisation.Id, ChamberId = Chamber.Id };
            Db.Add(consent);
        }

        consent.UpTo = upTo;
        consent.GivenAt = clock.GetUtcNow().UtcDateTime;
        consent.GivenByName = Me.DisplayName;
        await Db.SaveChangesAsync(HttpContext.RequestAborted);
        Flash(L["ClearingCurrency.ConsentSaved"]);
        return Redirect(InvoicesPath + "#currency-consent");
    }

    public async Task<IActionResult> OnPostWithdrawConsentAsync(string org)
    {
        if (!await LoadOrganisationAsync(org))
        {
            return NotFound();
        }

        if (!CanAct)
        {
            return Forbid();
        }

        await Db.Set<CurrencyConsent>().Where(c => c.OrganisationId == Organisation.Id).ExecuteDeleteAsync(HttpContext.RequestAborted);
        Flash(L["ClearingCurrency.ConsentWithdrawn"]);
        return Redirect(InvoicesPath + "#currency-consent");
    }

    public Task<IActionResult> OnPostConfirmAsync(string org, Guid invoiceId) => ActAsync(org, invoiceId, InvoiceBook.Action.Confirm, null, "Invoice.Confirmed");

    public Task<IActionResult> OnPostDisputeAsync(string org, Guid invoiceId, string? reason) => ActAsync(org, invoiceId, InvoiceBook.Action.Dispute, reason, "Invoice.Disputed");

    public Task<IActionResult> OnPostWithdrawAsync(string org, Guid invoiceId) => ActAsync(org, invoiceId, InvoiceBook.Action.Withdraw, null, "Invoice.Withdrawn");

    private async Task<IActionResult> ActAsync(string org, Guid invoiceId, InvoiceBook.Action action, string? reason, string doneKey)
    {
        if (!await LoadOrganisationAsync(org))
        {
            return NotFound();
        }

        if (!CanAct)
        {
            return Forbid();
        }

        var error = await book.ActAsync(Chamber.Slug, Chamber.Id, Organisation, invoiceId, action, reason, HttpContext.RequestAborted);
        if (error == InvoiceErrors.NotAParty)
        {
            return NotFound();
        }

        if (error is not null)
        {
            await LoadAsync(org);
            ModelState.AddModelError($"reason-{invoiceId}", L.InvoiceMessage(new ValidationError("Reason", error)));
            return Page();
        }

        Flash(L[doneKey]);
        return Redirect(InvoicesPath);
    }

    private async Task<bool> LoadAsync(string org)
    {
        if (!await LoadOrganisationAsync(org))
        {
            return false;
        }

        Invoices = await reports.InvoicesOfAsync(Organisation.Id, HttpContext.RequestAborted);
        Counterparties = await book.CounterpartiesAsync(Chamber.Id, Organisation.Id, HttpContext.RequestAborted);
        Rounds = await reports.RoundsOfAsync(Organisation.Id, HttpContext.RequestAborted);
        Currency = await Db.Set<Domain.Currency.CurrencyDefinition>().AsNoTracking()
            .FirstOrDefaultAsync(c => c.ChamberId == Chamber.Id && c.MinorDigits == ClearingRounds.CurrencyMinorDigits, HttpContext.RequestAborted);
        HasCurrencyAccount = Currency is not null
            && await Db.Set<Domain.Currency.Account>().AnyAsync(a => a.OrganisationId == Organisation.Id, HttpContext.RequestAborted);
        Consent = await Db.Set<CurrencyConsent>().AsNoTracking().FirstOrDefaultAsync(c => c.OrganisationId == Organisation.Id, HttpContext.RequestAborted);
        ConsentUpTo ??= Consent?.UpTo is { } cap ? MoneyText.Plain(cap) : null;
        return true;
    }

    private long? ParseAmount(string? text, string key)
    {
        switch (MoneyText.TryParse(text, out var amount))
        {
            case MoneyText.Outcome.Ok:
                return amount;
            case MoneyText.Outcome.Empty:
                ModelState.AddModelError(key, L["Validation.Required"]);
                return null;
            case MoneyText.Outcome.TooLarge:
                ModelState.AddModelError(key, L["Invoice.Error.AmountTooLarge", InterMemberInvoice.MaxAmount / 100]);
                return null;
            default:
                ModelState.AddModelError(key, L["Invoice.Error.InvalidAmount"]);
                return null;
        }
    }

    private DateOnly? ParseDate(string? text, string key)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            ModelState.AddModelError(key, L["Validation.Required"]);
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), ["yyyy-MM-dd", "dd.MM.yyyy", "d.M.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        ModelState.AddModelError(key, L["Validation.InvalidDate"]);
        return null;
    }
}
