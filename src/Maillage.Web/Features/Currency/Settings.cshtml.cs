using Maillage.Domain.Currency;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Maillage.Web.Features.Currency;

/// <summary>Chamber admins configure the currency: name, code, symbol, minor unit (while no operation exists), fee, referral reward, default limits; each change with its reason.</summary>
[Authorize(Policy = Policies.ChamberAdmin)]
public sealed class SettingsModel : StaffCurrencyPageModel
{
    public sealed class DefinitionInput
    {
        public string? Name { get; set; }

        public string? Code { get; set; }

        public string? Symbol { get; set; }

        public int MinorDigits { get; set; }

        public string? Reason { get; set; }
    }

    public sealed class RulesInput
    {
        /// <summary>Percent, e.g. "1" or "0,5" (stored in basis points).</summary>
        public string? FeePercent { get; set; }

        public string? ReferralReward { get; set; }

        public string? CollectiveLimit { get; set; }

        public string? IndividualLimit { get; set; }

        public string? Reason { get; set; }
    }

    [BindProperty]
    public DefinitionInput Definition { get; set; } = new();

    [BindProperty]
    public RulesInput Rules { get; set; } = new();

    public IReadOnlyList<CurrencySettingChange> Changes { get; private set; } = [];

    public bool InUse => Currency.ChainSequence > 0;

    public async Task OnGetAsync() => await LoadAsync(fill: true);

    public async Task<IActionResult> OnPostDefinitionAsync()
    {
        if (Definition.MinorDigits is < 0 or > CurrencyDefinition.MaxMinorDigits)
        {
            ModelState.AddModelError("Definition.MinorDigits", L["Validation.InvalidChoice"]);
        }

        if (ModelState.IsValid)
        {
            try
            {
                await Staff.RedefineAsync(Chamber.Id, Definition.Name ?? string.Empty, Definition.Code ?? string.Empty, Definition.Symbol ?? string.Empty, Definition.MinorDigits, Definition.Reason ?? string.Empty, Me.UserId, Me.DisplayName, HttpContext.RequestAborted);
                Flash(L["Currency.Settings.Saved"]);
                return Redirect(BasePath + "/parametres");
            }
            catch (LedgerException e)
            {
                var message = e.Code switch
                {
                    LedgerErrors.InvalidCurrency => L["Currency.Settings.Invalid." + e.Field],
                    LedgerErrors.CurrencyInUse when e.Field == "Code" => L["Currency.Error.CurrencyCodeInUse"],
                    _ => CurrencyErrors.Message(L, e, Currency),
                };
                ModelState.AddModelError("Definition." + (e.Field is "Name" or "Code" or "Symbol" or "MinorDigits" or "Reason" ? e.Field : "Name"), message);
            }
        }

        await LoadAsync(fill: false);
        return Page();
    }

    public async Task<IActionResult> OnPostRulesAsync()
    {
        var fee = ParseFee(Rules.FeePercent);
        var reward = ParseAmount(Rules.ReferralReward, "Rules.ReferralReward");
        var collective = ParseAmount(Rules.CollectiveLimit, "Rules.CollectiveLimit");
        var individual = ParseAmount(Rules.IndividualLimit, "Rules.IndividualLimit");
        if (ModelState.IsValid)
        {
            try
            {
                await Staff.ChangeRulesAsync(Chamber.Id, new CurrencyRules(fee!.Value, reward!.Value, collective!.Value, individual!.Value), Rules.Reason ?? string.Empty, Me.UserId, Me.DisplayName, HttpContext.RequestAborted);
                Flash(L["Currency.Settings.Saved"]);
                return Redirect(BasePath + "/parametres");
            }
            catch (LedgerException e)
            {
                ModelState.AddModelError(e.Field == "Reason" ? "Rules.Reason" : "Rules.FeePercent", CurrencyErrors.Message(L, e, Currency));
            }
        }

        await LoadAsync(fill: false);
        return Page();
    }

    public string FeeText(int basisPoints) => (basisPoints / 100m).ToString("0.##", System.Globalization.CultureInfo.CurrentCulture);

    /// <summary>A percentage with at most two decimals (basis points), between 0 and 10 %.</summary>
    private int? ParseFee(string? text)
    {
        if (Amounts.TryParse(text, 2, AmountRule.ZeroOrPositive, out var basisPoints, out _) && basisPoints <= CurrencyDefinition.MaxFeeBasisPoints)
        {
            return (int)basisPoints;
        }

        ModelState.AddModelError("Rules.FeePercent", L["Currency.Settings.FeeInvalid"]);
        return null;
    }

    private async Task LoadAsync(bool fill)
    {
        Changes = await Staff.ChangesAsync(Chamber.Id, HttpContext.RequestAborted);
        if (fill)
        {
            var rules = await Staff.RulesAsync(Currency, HttpContext.RequestAborted);
            Definition = new DefinitionInput { Name = Currency.Name, Code = Currency.Code, Symbol = Currency.Symbol, MinorDigits = Currency.MinorDigits };
            string M(long v) => Amounts.Format(v, Currency.MinorDigits, System.Globalization.CultureInfo.CurrentCulture);
            Rules = new RulesInput { FeePercent = FeeText(rules.FeeBasisPoints), ReferralReward = M(rules.ReferralReward), CollectiveLimit = M(rules.CollectiveLimit), IndividualLimit = M(rules.IndividualLimit) };
        }
    }
}
