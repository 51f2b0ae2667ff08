using Maillage.Domain.Currency;
using Maillage.Domain.Organisations;

namespace Maillage.Web.Features.Currency;

/// <summary>
/// Credits the referrer when a referred organisation is admitted, through the ledger, at most once per admitted
/// organisation (the command's implied key is "referral:{organisation}"). A refusal never undoes the admission:
/// it is logged, and running it again later is harmless.
/// </summary>
public sealed class CurrencyReferrals(CurrencyAccounts accounts, LedgerService ledger, TimeProvider clock, ILogger<CurrencyReferrals> logger)
{
    public async Task<bool> RewardAsync(Guid chamberId, Organisation admitted, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(admitted);
        if (admitted.ReferredByOrganisationId is not { } referrer)
        {
            return false;
        }

        var currency = await accounts.CurrencyAsync(chamberId, ct);
        if (currency is null || currency.ReferralReward <= 0)
        {
            return false;
        }

        var account = await accounts.AccountOfAsync(chamberId, referrer, ct);
        if (account is null)
        {
            return false;
        }

        try
        {
            var outcome = await ledger.ExecuteAsync(new RewardReferral(chamberId, account.Id, admitted.Id, LedgerActor.System, clock.GetUtcNow().UtcDateTime), ct);
            return !outcome.Replayed;
        }
        catch (LedgerException e)
        {
            logger.LogWarning("Referral reward for {Organisation} refused: {Code}", admitted.Id, e.Code);
            return false;
        }
    }
}
