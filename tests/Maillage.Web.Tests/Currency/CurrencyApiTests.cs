using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Maillage.Domain.Currency;
using Maillage.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using LedgerAccount = Maillage.Domain.Currency.Account;

namespace Maillage.Web.Tests.Currency;

/// <summary>
/// The currency API with personal access tokens: scopes, revoked, expired and other-chamber tokens, idempotency
/// keys, each kind of bad input (problem details with a stable code, nothing written), and the reads.
/// </summary>
public abstract class CurrencyApiTests(MaillageApp app)
{
    [Fact]
    public async Task A_payment_moves_both_balances_and_the_fee_and_the_account_shows_it()
    {
        var chamber = await app.NewCurrencyChamberAsync();
        var payer = await app.NewCurrencyMemberAsync(chamber);
        var payee = await app.NewCurrencyMemberAsync(chamber, "Boulangerie du Lac");
        using var client = Client(await app.TokenAsync(chamber, payer));

        using var response = await PostAsync(client, "/api/v1/currency/payments", new { payeeOrganisationId = payee.Id, amount = "123.40", description = "Pain", reference = "F-2026-1" }, "k-1");

        ((int)response.StatusCode).ShouldBe(201, await response.Content.ReadAsStringAsync());
        var payment = await Json(response);
        payment.GetProperty("amount").GetString().ShouldBe("123.40");
        payment.GetProperty("fee").GetString().ShouldBe("1.23");
        payment.GetProperty("payee").GetString().ShouldBe("Boulangerie du Lac");
        payment.GetProperty("reference").GetString().ShouldBe("F-2026-1");
        (await app.BalanceAsync(payer.AccountId)).ShouldBe(-12_463);
        (await app.BalanceAsync(payee.AccountId)).ShouldBe(12_340);
        (await app.BalanceAsync(chamber.FeeAccountId)).ShouldBe(123);

        var account = await Json(await client.GetAsync(new Uri("/api/v1/currency/account", UriKind.Relative)));
        account.GetProperty("balance").GetString().ShouldBe("-124.63");
        account.GetProperty("creditLimit").GetString().ShouldBe("1000.00");
        account.GetProperty("available").GetString().ShouldBe("875.37");
        account.GetProperty("currency").GetString().ShouldBe("TST");
        (await app.VerifyAsync(chamber)).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_payee_can_be_named_by_its_account()
    {
        var chamber = await app.NewCurrencyChamberAsync(feeBasisPoints: 0);
        var payer = await app.NewCurrencyMemberAsync(chamber);
        var payee = await app.NewCurrencyMemberAsync(chamber);
        using var client = Client(await app.TokenAsync(chamber, payer));

        using var response = await PostAsync(client, "/api/v1/currency/payments", new { payeeAccountId = payee.AccountId, amount = "5", description = "Café" }, "by-account");

        ((int)response.StatusCode).ShouldBe(201);
        (await app.BalanceAsync(payee.AccountId)).ShouldBe(500);
    }

    [Fact]
    public async Task The_same_key_and_body_give_the_same_answer_once_and_another_body_is_a_409()
    {
        var chamber = await app.NewCurrencyChamberAsync();
        var payer = await app.NewCurrencyMemberAsync(chamber);
        var payee = await app.NewCurrencyMemberAsync(chamber);
        using var client = Client(await app.TokenAsync(chamber, payer));
        var body = new { payeeOrganisationId = payee.Id, amount = "10.00", description = "Loyer" };

        using var first = await PostAsync(client, "/api/v1/currency/payments", body, "same-key");
        using var second = await PostAsync(client, "/api/v1/currency/payments", body, "same-key");
        using var different = await PostAsync(client, "/api/v1/currency/payments", body with { amount = "11.00" }, "same-key");

        ((int)first.StatusCode).ShouldBe(201);
        ((int)second.StatusCode).ShouldBe(201);
        (await Json(second)).GetProperty("id").GetGuid().ShouldBe((await Json(first)).GetProperty("id").GetGuid());
        second.Headers.GetValues("Idempotent-Replayed").ShouldContain("true");
        await ShouldBeProblemAsync(different, 409, "idempotency-key-reused");
        (await app.BalanceAsync(payee.AccountId)).ShouldBe(1_000);
        (await app.OperationCountAsync(chamber)).ShouldBe(1);
    }

    [Fact]
    public async Task Keys_are_scoped_per_token()
    {
        var chamber = await app.NewCurrencyChamberAsync(feeBasisPoints: 0);
        var payer = await app.NewCurrencyMemberAsync(chamber);
        var payee = await app.NewCurrencyMemberAsync(chamber);
        using var till = Client(await app.TokenAsync(chamber, payer));
        using var accounting = Client(await app.TokenAsync(chamber, payer));

        using var one = await PostAsync(till, "/api/v1/currency/payments", new { payeeOrganisationId = payee.Id, amount = "1.00", description = "A" }, "shared");
        using var two = await PostAsync(accounting, "/api/v1/currency/payments", new { payeeOrganisationId = payee.Id, amount = "2.00", description = "B" }, "shared");

        ((int)one.StatusCode).ShouldBe(201);
        ((int)two.StatusCode).ShouldBe(201);
        (await app.BalanceAsync(payee.AccountId)).ShouldBe(300);
    }

    [Fact]
    public async Task A_post_without_an_idempotency_key_is_refused()
    {
        var chamber = await app.NewCurrencyChamberAsync();
        var payer = await app.NewCurrencyMemberAsync(chamber);
        var payee = await app.NewCurrencyMemberAsync(chamber);
        using var client = Client(await app.TokenAsync(chamber, payer));

        using var missing = await PostAsync(client, "/api/v1/currency/payments", new { payeeOrganisationId = payee.Id, amount = "1.00" }, key: null);
        using var tooLong = await PostAsync(client, "/api/v1/currency/payments", new { payeeOrganisationId = payee.Id, amount = "1.00" }, new string('k', 65));

        await ShouldBeProblemAsync(missing, 400, "idempotency-key-missing");
        await ShouldBeProblemAsync(tooLong, 400, "idempotency-key-invalid");
        (await app.OperationCountAsync(chamber)).ShouldBe(0);
    }

    [Theory]
    [InlineData("0", "AmountNotPositive")]
    [InlineData("0.00", "AmountNotPositive")]
    [InlineData("-5.00", "AmountNotPositive")]
    [InlineData("douze", "AmountNotNumeric")]
    [InlineData("1,50", "AmountNotNumeric")]
    [InlineData("1e3", "AmountNotNumeric")]
    [InlineData("1.234", "AmountTooPrecise")]
    [InlineData("99999999999999999999", "AmountTooLarge")]
    [InlineData("", "AmountRequired")]
    public async Task Bad_amounts_are_problems_with_a_reason_and_write_nothing(string amount, string reason)
    {
        var chamber = await app.NewCurrencyChamberAsync();
        var payer = await app.NewCurrencyMemberAsync(chamber);
        var payee = await app.NewCurrencyMemberAsync(chamber);
        using var client = Client(await app.TokenAsync(chamber, payer));

        using var response = await PostAsync(client, "/api/v1/currency/payments", new { payeeOrganisationId = payee.Id, amount, description = "x" }, "bad-" + reason);

        var problem = await ShouldBeProblemAsync(response, 400, "amount-invalid");
        problem.GetProperty("reason").GetString().ShouldBe(reason);
        problem.GetProperty("field").GetString().ShouldBe("amount");
        (await app.OperationCountAsync(chamber)).ShouldBe(0);
    }

    [Fact]
    public async Task Insufficient_funds_say_how_much_is_available()
    {
        var chamber = await app.NewCurrencyChamberAsync(feeBasisPoints: 100, defaultCreditLimit: 10_000);
        var payer = await app.NewCurrencyMemberAsync(chamber);
        var payee = await app.NewCurrencyMemberAsync(chamber);
        using var client = Client(await app.TokenAsync(chamber, payer));

        using var response = await PostAsync(client, "/api/v1/currency/payments", new { payeeOrganisationId = payee.Id, amount = "100.00", description = "Trop" }, "too-much");

        var problem = await ShouldBeProblemAsync(response, 422, "insufficient-funds");
        problem.GetProperty("available").GetString().ShouldBe("100.00");
        problem.GetProperty("title").GetString()!.ShouldContain("100,00");
        (await app.OperationCountAsync(chamber)).ShouldBe(0);
    }

    [Fact]
    public async Task Paying_oneself_an_unknown_a_blocked_or_another_chambers_member_is_refused()
    {
        var chamber = await app.NewCurrencyChamberAsync();
        var other = await app.NewCurrencyChamberAsync();
        var payer = await app.NewCurrencyMemberAsync(chamber);
        var blocked = await app.NewCurrencyMemberAsync(chamber);
        var stranger = await app.NewCurrencyMemberAsync(other);
        await app.WithDbAsync(async db => await db.Set<LedgerAccount>().Where(a => a.Id == blocked.AccountId).ExecuteUpdateAsync(s => s.SetProperty(a => a.IsBlocked, true)));
        using var client = Client(await app.TokenAsync(chamber, payer));

        await ShouldBeProblemAsync(await PostAsync(client, "/api/v1/currency/payments", new { payeeOrganisationId = payer.Id, amount = "1.00" }, "self"), 422, "payer-equals-payee");
        await ShouldBeProblemAsync(await PostAsync(client, "/api/v1/currency/payments", new { payeeOrganisationId = Guid.NewGuid(), amount = "1.00" }, "unknown"), 422, "payee-unknown");
        await ShouldBeProblemAsync(await PostAsync(client, "/api/v1/currency/payments", new { payeeOrganisationId = stranger.Id, amount = "1.00" }, "stranger"), 422, "payee-unknown");
        await ShouldBeProblemAsync(await PostAsync(client, "/api/v1/currency/payments", new { payeeAccountId = stranger.AccountId, amount = "1.00" }, "stranger-account"), 422, "payee-unknown");
        await ShouldBeProblemAsync(await PostAsync(client, "/api/v1/currency/payments", new { payeeAccountId = chamber.FeeAccountId, amount = "1.00" }, "fees"), 422, "payee-unknown");
        await ShouldBeProblemAsync(await PostAsync(client, "/api/v1/currency/payments", new { payeeOrganisationId = blocked.Id, amount = "1.00" }, "blocked"), 422, "account-blocked");
        await ShouldBeProblemAsync(await PostAsync(client, "/api/v1/currency/payments", new { amount = "1.00" }, "nobody"), 400, "payee-required");
        (await app.OperationCountAsync(chamber)).ShouldBe(0);
        (await app.OperationCountAsync(other)).ShouldBe(0);
    }

    [Fact]
    public async Task Tokens_without_the_scope_revoked_expired_or_unknown_are_refused()
    {
        var chamber = await app.NewCurrencyChamberAsync();
        var payer = await app.NewCurrencyMemberAsync(chamber);
        var payee = await app.NewCurrencyMemberAsync(chamber);
        var body = new { payeeOrganisationId = payee.Id, amount = "1.00" };

        using var readOnly = Client(await app.TokenAsync(chamber, payer, [AccessToken.AccountRead]));
        using var revoked = Client(await app.TokenAsync(chamber, payer, revoked: true));
        using var expired = Client(await app.TokenAsync(chamber, payer, lifetime: TimeSpan.FromMinutes(-1)));
        using var unknown = Client(AccessToken.SecretPrefix + new string('x', 43));
        using var anonymous = app.CreateClient();

        var scope = await ShouldBeProblemAsync(await PostAsync(readOnly, "/api/v1/currency/payments", body, "a"), 403, "insufficient-scope");
        scope.GetProperty("scope").GetString().ShouldBe(AccessToken.PaymentsWrite);
        await ShouldBeProblemAsync(await PostAsync(readOnly, "/api/v1/currency/requests", new { payerOrganisationId = payee.Id, amount = "1.00" }, "b"), 403, "insufficient-scope");
        ((int)(await readOnly.GetAsync(new Uri("/api/v1/currency/account", UriKind.Relative))).StatusCode).ShouldBe(200);
        await ShouldBeProblemAsync(await PostAsync(revoked, "/api/v1/currency/payments", body, "c"), 401, "token-revoked");
        await ShouldBeProblemAsync(await PostAsync(expired, "/api/v1/currency/payments", body, "d"), 401, "token-expired");
        await ShouldBeProblemAsync(await PostAsync(unknown, "/api/v1/currency/payments", body, "e"), 401, "token-invalid");
        using var none = await anonymous.GetAsync(new Uri("/api/v1/currency/account", UriKind.Relative));
        await ShouldBeProblemAsync(none, 401, "token-missing");
        none.Headers.WwwAuthenticate.ToString().ShouldContain("Bearer");
        (await app.OperationCountAsync(chamber)).ShouldBe(0);
    }

    [Fact]
    public async Task A_token_revoked_deleted_or_whose_organisation_left_pays_nothing_more_while_the_api_still_keeps_it()
    {
        var chamber = await app.NewCurrencyChamberAsync(feeBasisPoints: 0);
        var payee = await app.NewCurrencyMemberAsync(chamber, "Boulangerie du Lac");
        var cache = app.Services.GetRequiredService<Maillage.Web.Features.Currency.CurrencyApiCache>();
        var writer = app.Services.GetRequiredService<Maillage.Web.Features.Currency.LedgerWriter>();
        var fromCache = writer.BatchesFromCache;
        var cases = new List<(string Secret, string Code, int Status, Func<Maillage.Web.Data.MaillageDbContext, string, Task> MakeInvalid)>
        {
            (string.Empty, "token-revoked", 401, (db, hash) => db.Set<AccessToken>().Where(t => t.SecretHash == hash).ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, DateTime.UtcNow))),
            (string.Empty, "token-invalid", 401, (db, hash) => db.Set<AccessToken>().Where(t => t.SecretHash == hash).ExecuteDeleteAsync()),
            (string.Empty, "organisation-inactive", 403, async (db, hash) =>
            {
                var organisation = await db.Set<AccessToken>().Where(t => t.SecretHash == hash).Select(t => t.OrganisationId).SingleAsync();
                await db.Organisations.Where(o => o.Id == organisation).ExecuteUpdateAsync(s => s.SetProperty(o => o.State, Maillage.Domain.Organisations.OrganisationState.Suspended));
            }),
        };
        for (var i = 0; i < cases.Count; i++)
        {
            cases[i] = cases[i] with { Secret = await app.TokenAsync(chamber, await app.NewCurrencyMemberAsync(chamber)) };
        }

        foreach (var (secret, code, status, makeInvalid) in cases)
        {
            using var client = Client(secret);
            var body = new { payeeAccountId = payee.AccountId, amount = "1.00", description = "Pain" };
            ((int)(await PostAsync(client, "/api/v1/currency/payments", body, "before")).StatusCode).ShouldBe(201);
            var hash = AccessToken.HashOf(secret);
            cache.TryGetToken(hash, out _).ShouldBeTrue("the first payment leaves the token's context in the API's cache");

            // Two more: the writer now trusts the rows it remembers for this chamber, and goes straight to its write.
            ((int)(await PostAsync(client, "/api/v1/currency/payments", body, "warm-1")).StatusCode).ShouldBe(201);
            ((int)(await PostAsync(client, "/api/v1/currency/payments", body, "warm-2")).StatusCode).ShouldBe(201);
            var cachedRedos = writer.CacheRedos;

            // Changed behind the API's back, as another instance or a staff page would: only the writer's check sees it.
            await app.WithDbAsync(db => makeInvalid(db, hash));

            await ShouldBeProblemAsync(await PostAsync(client, "/api/v1/currency/payments", body, "after"), status, code);
            if (app.Database.Provider == Maillage.Web.Data.DatabaseProvider.PostgreSQL)
            {
                // PostgreSQL does not read the token for such a batch but checks it in the write: that write stored
                // nothing, and the batch ran again reading the token, which refused it.
                (writer.CacheRedos - cachedRedos).ShouldBe(1);
            }

            cache.TryGetToken(hash, out _).ShouldBeFalse("a refused token is read again on its next call");
            await ShouldBeProblemAsync(await PostAsync(client, "/api/v1/currency/payments", body, "again"), status, code);
        }

        (await app.OperationCountAsync(chamber)).ShouldBe(3 * cases.Count);
        (await app.BalanceAsync(payee.AccountId)).ShouldBe(3 * 100 * cases.Count);
        (await app.VerifyAsync(chamber)).ShouldBeEmpty();
        writer.BatchesFromCache.ShouldBeGreaterThan(fromCache);
    }

    [Fact]
    public async Task A_payment_read_with_a_unit_the_currency_no_longer_has_is_refused_and_the_next_one_reads_the_new_unit()
    {
        var chamber = await app.NewCurrencyChamberAsync(feeBasisPoints: 0);
        var payer = await app.NewCurrencyMemberAsync(chamber);
        var payee = await app.NewCurrencyMemberAsync(chamber);
        using var client = Client(await app.TokenAsync(chamber, payer));
        var body = new { payeeAccountId = payee.AccountId, amount = "1.50" };

        // Refused for its amount (nothing written, so the unit may still change), but the token's context is now kept.
        await ShouldBeProblemAsync(await PostAsync(client, "/api/v1/currency/payments", body with { amount = "5000.00" }, "too-much"), 422, "insufficient-funds");

        // Another instance's staff makes the unit whole numbers: this instance's kept context still says hundredths.
        await app.WithDbAsync(db => db.Set<CurrencyDefinition>().Where(c => c.ChamberId == chamber.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.MinorDigits, 0)));

        await ShouldBeProblemAsync(await PostAsync(client, "/api/v1/currency/payments", body, "stale-unit"), 409, "currency-changed");
        await ShouldBeProblemAsync(await PostAsync(client, "/api/v1/currency/payments", body, "new-unit"), 400, "amount-invalid");
        (await app.OperationCountAsync(chamber)).ShouldBe(0);
        (await app.BalanceAsync(payee.AccountId)).ShouldBe(0);
    }

    [Fact]
    public async Task A_token_acts_for_its_own_organisation_and_records_its_last_use()
    {
        var chamber = await app.NewCurrencyChamberAsync();
        var member = await app.NewCurrencyMemberAsync(chamber, "Atelier Vélo");
        var secret = await app.TokenAsync(chamber, member, [AccessToken.AccountRead]);
        using var client = Client(secret);

        var account = await Json(await client.GetAsync(new Uri("/api/v1/currency/account", UriKind.Relative)));

        account.GetProperty("organisation").GetString().ShouldBe("Atelier Vélo");
        account.GetProperty("accountId").GetGuid().ShouldBe(member.AccountId);
        var hash = AccessToken.HashOf(secret);
        (await app.WithDbAsync(db => db.Set<AccessToken>().Where(t => t.SecretHash == hash).Select(t => t.LastUsedAt).SingleAsync())).ShouldNotBeNull();
    }

    [Fact]
    public async Task A_request_is_created_seen_by_both_and_accepted_by_the_payer_through_the_api()
    {
        var chamber = await app.NewCurrencyChamberAsync(feeBasisPoints: 0);
        var shop = await app.NewCurrencyMemberAsync(chamber, "Épicerie");
        var customer = await app.NewCurrencyMemberAsync(chamber, "Crèche");
        using var shopClient = Client(await app.TokenAsync(chamber, shop));
        using var customerClient = Client(await app.TokenAsync(chamber, customer));

        using var created = await PostAsync(shopClient, "/api/v1/currency/requests", new { payerOrganisationId = customer.Id, amount = "42.00", description = "Panier" }, "req-1");
        using var retried = await PostAsync(shopClient, "/api/v1/currency/requests", new { payerOrganisationId = customer.Id, amount = "42.00", description = "Panier" }, "req-1");

        ((int)created.StatusCode).ShouldBe(201, await created.Content.ReadAsStringAsync());
        var request = await Json(created);
        (await Json(retried)).GetProperty("id").GetGuid().ShouldBe(request.GetProperty("id").GetGuid());
        var id = request.GetProperty("id").GetGuid();
        var customerAccount = await Json(await customerClient.GetAsync(new Uri("/api/v1/currency/account", UriKind.Relative)));
        customerAccount.GetProperty("incomingRequests")[0].GetProperty("payee").GetString().ShouldBe("Épicerie");
        (await Json(await shopClient.GetAsync(new Uri("/api/v1/currency/account", UriKind.Relative)))).GetProperty("outgoingRequests").GetArrayLength().ShouldBe(1);

        await ShouldBeProblemAsync(await PostAsync(shopClient, $"/api/v1/currency/requests/{id}/accept", new { }, "not-mine"), 404, "request-unknown");
        using var accepted = await PostAsync(customerClient, $"/api/v1/currency/requests/{id}/accept", new { }, "accept-1");
        ((int)accepted.StatusCode).ShouldBe(200);
        (await Json(accepted)).GetProperty("state").GetString().ShouldBe("Accepted");
        await ShouldBeProblemAsync(await PostAsync(customerClient, $"/api/v1/currency/requests/{id}/decline", new { }, "decline-1"), 409, "request-already-answered");
        (await app.BalanceAsync(shop.AccountId)).ShouldBe(4_200);
        (await app.BalanceAsync(customer.AccountId)).ShouldBe(-4_200);
    }

    [Fact]
    public async Task A_request_with_a_past_expiry_or_to_oneself_is_refused()
    {
        var chamber = await app.NewCurrencyChamberAsync();
        var shop = await app.NewCurrencyMemberAsync(chamber);
        var customer = await app.NewCurrencyMemberAsync(chamber);
        using var client = Client(await app.TokenAsync(chamber, shop));

        await ShouldBeProblemAsync(await PostAsync(client, "/api/v1/currency/requests", new { payerOrganisationId = customer.Id, amount = "1.00", expiresOn = "2020-01-01" }, "past"), 400, "expiry-invalid");
        await ShouldBeProblemAsync(await PostAsync(client, "/api/v1/currency/requests", new { payerOrganisationId = Guid.NewGuid(), amount = "1.00" }, "nobody"), 422, "payer-unknown");
        await ShouldBeProblemAsync(await PostAsync(client, "/api/v1/currency/requests", new { payerOrganisationId = shop.Id, amount = "1.00" }, "self"), 422, "payer-equals-payee");
        (await app.WithDbAsync(db => db.Set<PaymentRequest>().CountAsync(r => r.ChamberId == chamber.Id))).ShouldBe(0);
    }

    [Fact]
    public async Task The_statement_lists_the_period_with_balances_and_pages()
    {
        var chamber = await app.NewCurrencyChamberAsync(feeBasisPoints: 0);
        var payer = await app.NewCurrencyMemberAsync(chamber);
        var payee = await app.NewCurrencyMemberAsync(chamber, "Imprimerie");
        using var client = Client(await app.TokenAsync(chamber, payer));
        for (var i = 1; i <= 3; i++)
        {
            ((int)(await PostAsync(client, "/api/v1/currency/payments", new { payeeOrganisationId = payee.Id, amount = $"{i}.00", description = "Flyers " + i }, "s" + i)).StatusCode).ShouldBe(201);
        }

        var page1 = await Json(await client.GetAsync(new Uri("/api/v1/currency/statement?pageSize=2", UriKind.Relative)));
        var page2 = await Json(await client.GetAsync(new Uri("/api/v1/currency/statement?pageSize=2&page=2", UriKind.Relative)));

        page1.GetProperty("total").GetInt32().ShouldBe(3);
        page1.GetProperty("openingBalance").GetString().ShouldBe("0.00");
        page1.GetProperty("closingBalance").GetString().ShouldBe("-6.00");
        page1.GetProperty("lines").GetArrayLength().ShouldBe(2);
        page1.GetProperty("lines")[0].GetProperty("counterparty").GetString().ShouldBe("Imprimerie");
        page1.GetProperty("lines")[1].GetProperty("balanceAfter").GetString().ShouldBe("-3.00");
        page2.GetProperty("lines")[0].GetProperty("amount").GetString().ShouldBe("-3.00");
        await ShouldBeProblemAsync(await client.GetAsync(new Uri("/api/v1/currency/statement?from=2026-05-01&to=2026-01-01", UriKind.Relative)), 400, "period-invalid");
        await ShouldBeProblemAsync(await client.GetAsync(new Uri("/api/v1/currency/statement?pageSize=0", UriKind.Relative)), 400, "paging-invalid");
    }

    private HttpClient Client(string secret)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, object body, string? key)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(url, UriKind.Relative)) { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            message.Headers.Add("Idempotency-Key", key);
        }

        return await client.SendAsync(message);
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static async Task<JsonElement> ShouldBeProblemAsync(HttpResponseMessage response, int status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(status, text);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var problem = JsonDocument.Parse(text).RootElement;
        problem.GetProperty("code").GetString().ShouldBe(code, text);
        problem.GetProperty("title").GetString().ShouldNotBeNullOrWhiteSpace();
        return problem;
    }
}

public sealed class CurrencyApiTestsOnSqlite(SqliteApp app) : CurrencyApiTests(app), IClassFixture<SqliteApp>;

public sealed class CurrencyApiTestsOnPostgreSQL(PostgresApp app) : CurrencyApiTests(app), IClassFixture<PostgresApp>;
