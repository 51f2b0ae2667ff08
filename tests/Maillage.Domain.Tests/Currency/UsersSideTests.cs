using Maillage.Domain.Common;
using Maillage.Domain.Currency;

namespace Maillage.Domain.Tests.Currency;

/// <summary>The domain rules added for the users' side: pausing and cancelling standing orders, redefining an unused currency, access tokens.</summary>
public sealed class UsersSideTests
{
    private static readonly LedgerActor Actor = new(Guid.NewGuid(), "membre");
    private static readonly DateTime Now = new(2026, 3, 10, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_paused_order_pays_nothing_and_skips_the_missed_dates_when_resumed_and_a_cancelled_one_refuses_changes()
    {
        var (state, currency, payer, payee) = Open();
        var orderId = Guid.NewGuid();
        Ledger.Execute(state, new SetUpRecurringPayment(currency.ChamberId, orderId, payer.Id, payee.Id, 1_000, "Loyer", new DateOnly(2026, 1, 10), RecurrenceInterval.Monthly, null, Actor, Now));
        var order = state.RecurringPayments[orderId];
        order.DueOccurrences(new DateOnly(2026, 3, 10)).ShouldBe([0, 1, 2]);

        Ledger.Execute(state, new PauseRecurringPayment(currency.ChamberId, orderId, payer.Id, true, Actor, Now));
        order.DueOccurrences(new DateOnly(2026, 6, 10)).ShouldBeEmpty();
        Ledger.Execute(state, new PauseRecurringPayment(currency.ChamberId, orderId, payer.Id, false, Actor, new DateTime(2026, 6, 10, 8, 0, 0, DateTimeKind.Utc)));
        order.DueOccurrences(new DateOnly(2026, 6, 10)).ShouldBe([5], "January to May were skipped, June is due");
        LedgerInvariants.Check(state).ShouldBeEmpty("every occurrence counted, paid or skipped by the pause, has its key");
        Should.Throw<LedgerException>(() => Ledger.Execute(state, new PayRecurringOccurrence(currency.ChamberId, orderId, 3, LedgerActor.System, Now)));

        Should.Throw<LedgerException>(() => Ledger.Execute(state, new CancelRecurringPayment(currency.ChamberId, orderId, payee.Id, Actor, Now))).Code.ShouldBe(LedgerErrors.NotThePayer);
        Ledger.Execute(state, new CancelRecurringPayment(currency.ChamberId, orderId, payer.Id, Actor, Now));
        order.DueOccurrences(new DateOnly(2027, 1, 1)).ShouldBeEmpty();
        Should.Throw<LedgerException>(() => Ledger.Execute(state, new PauseRecurringPayment(currency.ChamberId, orderId, payer.Id, false, Actor, Now))).Code.ShouldBe(LedgerErrors.RecurringPaymentCancelled);
    }

    [Fact]
    public void An_unused_currency_changes_its_unit_and_rescales_limits_and_a_used_one_keeps_its_code_and_unit_but_may_be_renamed()
    {
        var (state, currency, payer, payee) = Open();
        currency.Redefine("Sou", "SOU", "S", 0, [payer, payee]);
        (currency.Name, currency.MinorDigits, currency.DefaultCreditLimit, payer.CreditLimit).ShouldBe(("Sou", 0, 1_000L, 1_000L));
        currency.Redefine("Sou", "SOU", "S", 2, [payer, payee]);
        payer.CreditLimit.ShouldBe(100_000);

        Ledger.Execute(state, new Pay(currency.ChamberId, payer.Id, payee.Id, 500, "x", null, Actor, Now));
        var newCode = Should.Throw<LedgerException>(() => currency.Redefine("Autre", "AUT", "A", 2, [payer, payee]));
        (newCode.Code, newCode.Field).ShouldBe((LedgerErrors.CurrencyInUse, nameof(CurrencyDefinition.Code)));
        var newUnit = Should.Throw<LedgerException>(() => currency.Redefine("Autre", "sou", "A", 0, [payer, payee]));
        (newUnit.Code, newUnit.Field).ShouldBe((LedgerErrors.CurrencyInUse, nameof(CurrencyDefinition.MinorDigits)));
        (currency.Name, currency.Symbol).ShouldBe(("Sou", "S"), "a refused change changes nothing");

        // The name and symbol are labels: they may change while the currency is in use; amounts stay as they are.
        currency.Redefine("Sou du Léman", "SOU", "SL", 2, [payer, payee]);
        (currency.Name, currency.Symbol, currency.MinorDigits, payer.CreditLimit).ShouldBe(("Sou du Léman", "SL", 2, 100_000L));
        Should.Throw<LedgerException>(() => new CurrencyDefinition(Guid.NewGuid(), "Nom", "X", "S", 2, Now)).Code.ShouldBe(LedgerErrors.InvalidCurrency);
    }

    [Fact]
    public void A_token_keeps_only_the_hash_of_its_secret_and_checks_scopes_expiry_and_revocation()
    {
        var (token, secret) = AccessToken.Issue(Guid.NewGuid(), Guid.NewGuid(), " Caisse ", [AccessToken.AccountRead, AccessToken.PaymentsWrite], Now.AddDays(30), null, "Léa", Now);

        secret.ShouldStartWith(AccessToken.SecretPrefix);
        AccessToken.LooksLikeSecret(secret).ShouldBeTrue();
        token.SecretHash.ShouldBe(AccessToken.HashOf(secret));
        token.SecretHash.ShouldNotContain(secret);
        (token.Name, token.Scopes).ShouldBe(("Caisse", "payments:write account:read"));
        token.Allows(AccessToken.RequestsWrite).ShouldBeFalse();
        token.IsUsableAt(Now.AddDays(29)).ShouldBeTrue();
        token.IsUsableAt(Now.AddDays(30)).ShouldBeFalse();
        token.Revoke(Now);
        token.IsUsableAt(Now).ShouldBeFalse();
        AccessToken.Issue(Guid.NewGuid(), Guid.NewGuid(), "x", [AccessToken.AccountRead], Now.AddDays(1), null, "x", Now).Secret.ShouldNotBe(secret);

        Should.Throw<DomainException>(() => AccessToken.Issue(Guid.NewGuid(), Guid.NewGuid(), " ", [AccessToken.AccountRead], Now.AddDays(1), null, "x", Now)).Code.ShouldBe("TokenNameRequired");
        Should.Throw<DomainException>(() => AccessToken.Issue(Guid.NewGuid(), Guid.NewGuid(), "x", [], Now.AddDays(1), null, "x", Now)).Code.ShouldBe("TokenScopesRequired");
        Should.Throw<DomainException>(() => AccessToken.Issue(Guid.NewGuid(), Guid.NewGuid(), "x", ["admin:all"], Now.AddDays(1), null, "x", Now)).Code.ShouldBe("TokenScopeUnknown");
        Should.Throw<DomainException>(() => AccessToken.Issue(Guid.NewGuid(), Guid.NewGuid(), "x", [AccessToken.AccountRead], Now.AddDays(-1), null, "x", Now)).Code.ShouldBe("TokenExpiryInvalid");
        Should.Throw<DomainException>(() => AccessToken.Issue(Guid.NewGuid(), Guid.NewGuid(), "x", [AccessToken.AccountRead], Now.AddDays(400), null, "x", Now)).Code.ShouldBe("TokenExpiryInvalid");
    }

    private static (LedgerState State, CurrencyDefinition Currency, Account Payer, Account Payee) Open()
    {
        var currency = new CurrencyDefinition(Guid.NewGuid(), "Test", "TST", "T", 2, Now);
        currency.SetRules(0, 0, 100_000);
        var state = new LedgerState();
        state.Load(currency);
        state.Load(currency.OpenFeeAccount(Now));
        state.Load(currency.OpenIssuingAccount(0, Now));
        var payer = currency.OpenOrganisationAccount(Guid.NewGuid(), Now);
        var payee = currency.OpenOrganisationAccount(Guid.NewGuid(), Now);
        state.Load(payer);
        state.Load(payee);
        return (state, currency, payer, payee);
    }
}
