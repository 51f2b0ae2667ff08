using Maillage.Domain.Common;
using Maillage.Domain.Currency;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Currency;

/// <summary>Personal access tokens of the organisation for the currency API (member admins): create (secret shown once), see last use, revoke.</summary>
public sealed class TokensModel : MemberCurrencyPageModel
{
    public static readonly int[] LifetimeChoices = [30, 90, 180, 365];

    public sealed class TokenInput
    {
        public string? Name { get; set; }

        public List<string> Scopes { get; set; } = [];

        public int LifetimeDays { get; set; } = 90;
    }

    [BindProperty]
    public TokenInput Input { get; set; } = new();

    public IReadOnlyList<AccessToken> Tokens { get; private set; } = [];

    /// <summary>The secret of the token just created: shown on this response only, never stored.</summary>
    public string? NewSecret { get; private set; }

    public async Task<IActionResult> OnGetAsync(string org) => await LoadAsync(org) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string org)
    {
        if (!await LoadAsync(org))
        {
            return NotFound();
        }

        if (!LifetimeChoices.Contains(Input.LifetimeDays))
        {
            ModelState.AddModelError("Input.LifetimeDays", L["Validation.InvalidChoice"]);
            return Page();
        }

        try
        {
            var (token, secret) = AccessToken.Issue(Chamber.Id, Organisation.Id, Input.Name, Input.Scopes, Now.AddDays(Input.LifetimeDays), Me.UserId, Me.DisplayName, Now);
            Db.Add(token);
            HttpContext.RequestServices.GetRequiredService<Infrastructure.AuditLog>().Record(Chamber.Id, "currency.token.created", nameof(AccessToken), token.Id, $"{Organisation.Profile.Name}: {token.Name} ({token.Scopes})");
            await Db.SaveChangesAsync(HttpContext.RequestAborted);
            NewSecret = secret;
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(e.Field == nameof(AccessToken.Scopes) ? "Input.Scopes" : e.Field == nameof(AccessToken.ExpiresAt) ? "Input.LifetimeDays" : "Input.Name", L["Currency.Tokens.Error." + e.Code]);
            return Page();
        }

        await LoadAsync(org);
        Input = new TokenInput();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(string org, Guid tokenId)
    {
        if (!await LoadAsync(org))
        {
            return NotFound();
        }

        var token = await Db.Set<AccessToken>().SingleOrDefaultAsync(t => t.Id == tokenId && t.OrganisationId == Organisation.Id && t.ChamberId == Chamber.Id, HttpContext.RequestAborted);
        if (token is null)
        {
            return NotFound();
        }

        token.Revoke(Now);
        HttpContext.RequestServices.GetRequiredService<Infrastructure.AuditLog>().Record(Chamber.Id, "currency.token.revoked", nameof(AccessToken), token.Id, $"{Organisation.Profile.Name}: {token.Name}");
        await Db.SaveChangesAsync(HttpContext.RequestAborted);
        HttpContext.RequestServices.GetRequiredService<CurrencyApiCache>().ForgetToken(token.SecretHash);
        Flash(L["Currency.Tokens.Revoked", token.Name]);
        return Redirect(BasePath + "/jetons");
    }

    /// <summary>Only the organisation's member admins manage its tokens.</summary>
    private async Task<bool> LoadAsync(string org)
    {
        if (!await LoadAccountAsync(org) || !IsMemberAdmin)
        {
            return false;
        }

        Tokens = await Db.Set<AccessToken>().AsNoTracking().Where(t => t.OrganisationId == Organisation.Id && t.ChamberId == Chamber.Id)
            .OrderByDescending(t => t.CreatedAt).ToListAsync(HttpContext.RequestAborted);
        return true;
    }
}
