using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Maillage.Domain.Currency;
using Maillage.Domain.Organisations;
using Maillage.Web.Data;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using LedgerAccount = Maillage.Domain.Currency.Account;

namespace Maillage.Web.Features.Currency;

/// <summary>Pay another member: the payee by organisation id or account id; the amount in the currency's units ("12.50").</summary>
public sealed record PaymentInput(Guid? PayeeOrganisationId, Guid? PayeeAccountId, string? Amount, string? Description, string? Reference);

/// <summary>Ask another member to pay: the payer by organisation id or account id; the request expires at the end of <c>ExpiresOn</c> (Swiss time; 14 days when omitted).</summary>
public sealed record PaymentRequestInput(Guid? PayerOrganisationId, Guid? PayerAccountId, string? Amount, string? Description, DateOnly? ExpiresOn);

public sealed record PaymentDto(
    Guid Id, long Sequence, DateTime At, Guid PayerAccountId, Guid PayeeAccountId, string Payee, string Amount, string Fee, string Currency, string Description, string? Reference);

public sealed record PaymentRequestDto(
    Guid Id, string State, Guid PayerAccountId, string Payer, Guid PayeeAccountId, string Payee, string Amount, string Currency, string Description, DateTime CreatedAt, DateTime ExpiresAt, Guid? PaymentId);

public sealed record CurrencyAccountDto(
    Guid AccountId, Guid OrganisationId, string Organisation, string Currency, string CurrencyName, string Symbol, int MinorDigits,
    string Balance, string CreditLimit, string Available, bool Blocked, IReadOnlyList<PaymentRequestDto> IncomingRequests, IReadOnlyList<PaymentRequestDto> OutgoingRequests);

public sealed record StatementLineDto(Guid OperationId, long Sequence, DateTime At, string Kind, string Counterparty, string Description, string? Reference, string Amount, string Fee, string BalanceAfter);

public sealed record StatementDto(DateOnly From, DateOnly To, string Currency, string OpeningBalance, string ClosingBalance, int Page, int PageSize, int Total, IReadOnlyList<StatementLineDto> Lines);

/// <summary>Who calls the currency API: a valid token, its chamber and organisation.</summary>
public sealed record ApiCaller(AccessToken Token)
{
    /// <summary>The chamber's currency, read with the token (null when the chamber has none).</summary>
    public CurrencyDefinition? Currency { get; init; }

    /// <summary>The organisation's account, read with the token (null until it is opened on first use).</summary>
    public LedgerAccount? Account { get; init; }

    public Guid ChamberId => Token.ChamberId;

    public Guid OrganisationId => Token.OrganisationId;

    public LedgerActor Actor => new(Token.CreatedByUserId, $"{Token.Name} (API)");

    /// <summary>The token for the writer to check again; the amount was read with the currency's unit as read with the token.</summary>
    public ApiCredential Credential => new(Token.Id, Currency?.MinorDigits ?? 0);

    /// <summary>The secret's hash: the key of this caller's kept context (see <see cref="CurrencyApiCache"/>).</summary>
    public string SecretHash => Token.SecretHash;

    public static ApiCaller Of(HttpContext context) =>
        context?.Items[typeof(ApiCaller)] as ApiCaller ?? throw new InvalidOperationException("The access token filter did not run.");
}

/// <summary>
/// The currency API for integrations (/api/v1/currency/…): a member's till or accounting software calls it with a
/// personal access token (<c>Authorization: Bearer mlg_…</c>) and acts for the token's organisation in the token's
/// chamber only, within its scopes. POSTs need an <c>Idempotency-Key</c> header, scoped per token: the same key and
/// body give the same answer, the same key with another body a 409. Errors are problem details with a stable code.
/// </summary>
public static class CurrencyApi
{
    public const string RateLimitPolicy = "currency-api";
    public const string IdempotencyHeader = "Idempotency-Key";
    public const int IdempotencyKeyMax = 64;
    public const int DefaultRequestDays = 14;
    public const int MaxRequestDays = 90;

    public static IEndpointRouteBuilder MapCurrencyApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/currency").WithTags("Currency").RequireRateLimiting(RateLimitPolicy).DisableAntiforgery();
        api.MapPost("/payments", PayAsync).AddEndpointFilter(new TokenFilter(AccessToken.PaymentsWrite, writerChecksAgain: true))
            .WithName("CreateCurrencyPayment").WithSummary("Pay another member of the chamber (token scope payments:write; Idempotency-Key header required).");
        api.MapPost("/requests", RequestAsync).AddEndpointFilter(new TokenFilter(AccessToken.RequestsWrite))
            .WithName("CreateCurrencyPaymentRequest").WithSummary("Ask another member to pay (token scope requests:write; Idempotency-Key header required).");
        api.MapPost("/requests/{id}/accept", AcceptAsync).AddEndpointFilter(new TokenFilter(AccessToken.PaymentsWrite))
            .WithName("AcceptCurrencyPaymentRequest").WithSummary("Pay a request addressed to the token's organisation (token scope payments:write; Idempotency-Key header required).");
        api.MapPost("/requests/{id}/decline", DeclineAsync).AddEndpointFilter(new TokenFilter(AccessToken.PaymentsWrite))
            .WithName("DeclineCurrencyPaymentRequest").WithSummary("Decline a request addressed to the token's organisation (token scope payments:write; Idempotency-Key header required).");
        api.MapGet("/account", AccountAsync).AddEndpointFilter(new TokenFilter(AccessToken.AccountRead))
            .WithName("GetCurrencyAccount").WithSummary("Balance, credit limit, available amount and pending requests (token scope account:read).");
        api.MapGet("/statement", StatementAsync).AddEndpointFilter(new TokenFilter(AccessToken.AccountRead))
            .WithName("GetCurrencyStatement").WithSummary("Operations between two days (Swiss time, both included), oldest first, paged (token scope account:read).");
        return app;
    }

    /// <summary>Per token (its secret's hash names the bucket), so one noisy till never slows the others down.</summary>
    public static void AddRateLimit(Microsoft.AspNetCore.RateLimiting.RateLimiterOptions options, int permitsPerMinute)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddPolicy(RateLimitPolicy, context =>
        {
            var header = context.Request.Headers.Authorization.ToString();
            var partition = header.Length == 0 ? "anonymous" : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(header)));
            return RateLimitPartition.GetFixedWindowLimiter("currency-api:" + partition, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = permitsPerMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            });
        });
    }

    private static async Task<Results<Created<PaymentDto>, ProblemHttpResult>> PayAsync(
        [FromBody] PaymentInput input, HttpContext http, CurrencyAccounts accounts, LedgerService ledger, MaillageDbContext db, TimeProvider clock, CurrencyApiCache cache, CancellationToken ct)
    {
        var caller = ApiCaller.Of(http);
        if (IdempotencyKey(http, caller) is not { } key)
        {
            return KeyProblem(http);
        }

        var (currency, payer, problem) = await CallerAccountAsync(http, accounts, caller, ct);
        if (problem is not null)
        {
            return problem;
        }

        var (amount, amountProblem) = ParseAmount(http, input.Amount, currency!);
        if (amountProblem is not null)
        {
            return amountProblem;
        }

        LedgerAccount? payee;
        string? payeeName;
        if (input.PayeeAccountId is { } payeeAccountId && input.PayeeOrganisationId is null && cache.TryGetPayee(caller.ChamberId, payeeAccountId, out var kept))
        {
            (payee, payeeName) = (kept.Account, kept.Name);
        }
        else
        {
            (payee, payeeName, var payeeProblem) = await CounterpartAsync(http, accounts, caller, input.PayeeOrganisationId, input.PayeeAccountId, "payee", ct);
            if (payeeProblem is not null)
            {
                return payeeProblem;
            }

            cache.KeepPayee(caller.ChamberId, payee!, payeeName);
        }

        try
        {
            var pay = new Pay(caller.ChamberId, payer!.Id, payee!.Id, amount, input.Description, input.Reference, caller.Actor, clock.GetUtcNow().UtcDateTime, key);
            var outcome = await ledger.ExecuteAsync(pay, caller.Credential, ct);
            MarkReplay(http, outcome);

            // The ledger hands back the operation it just committed; only a replay reads the stored one.
            var operation = outcome.Operation ?? await db.Set<Operation>().AsNoTracking().Include(o => o.Entries).SingleAsync(o => o.Id == outcome.ResultId, ct);
            return TypedResults.Created((string?)null, await PaymentDtoAsync(accounts, currency!, operation, payee.Id == PayeeOf(operation) ? payeeName : null, ct));
        }
        catch (LedgerException e)
        {
            return Problem(http, e, currency);
        }
        catch (ApiCredentialException e)
        {
            // The token stopped allowing calls after it was read (elsewhere, or by another instance): nothing was written.
            cache.ForgetToken(caller.SecretHash);
            return CredentialProblem(http, e.Code);
        }
    }

    private static ProblemHttpResult CredentialProblem(HttpContext http, string code) => code switch
    {
        ApiCredentialException.Revoked => TokenFilter.Unauthorized(http, code, "Currency.Api.TokenRevoked"),
        ApiCredentialException.Expired => TokenFilter.Unauthorized(http, code, "Currency.Api.TokenExpired"),
        ApiCredentialException.OrganisationInactive => Problem(http, StatusCodes.Status403Forbidden, code, L(http)["Currency.Api.OrganisationInactive"]),
        ApiCredentialException.CurrencyChanged => Problem(http, StatusCodes.Status409Conflict, code, L(http)["Currency.Api.CurrencyChanged"]),
        _ => TokenFilter.Unauthorized(http, ApiCredentialException.Unknown, "Currency.Api.TokenInvalid"),
    };

    private static async Task<Results<Created<PaymentRequestDto>, ProblemHttpResult>> RequestAsync(
        [FromBody] PaymentRequestInput input, HttpContext http, CurrencyAccounts accounts, LedgerService ledger, MaillageDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var caller = ApiCaller.Of(http);
        if (IdempotencyKey(http, caller) is not { } key)
        {
            return KeyProblem(http);
        }

        var (currency, payee, problem) = await CallerAccountAsync(http, accounts, caller, ct);
        if (problem is not null)
        {
            return problem;
        }

        var (amount, amountProblem) = ParseAmount(http, input.Amount, currency!);
        if (amountProblem is not null)
        {
            return amountProblem;
        }

        var (payer, _, payerProblem) = await CounterpartAsync(http, accounts, caller, input.PayerOrganisationId, input.PayerAccountId, "payer", ct);
        if (payerProblem is not null)
        {
            return payerProblem;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        DateTime expiresAt;
        if (input.ExpiresOn is { } day)
        {
            expiresAt = PaymentRequests.EndOfSwissDay(day);
            if (expiresAt <= now || expiresAt > now.AddDays(MaxRequestDays))
            {
                return Problem(http, StatusCodes.Status400BadRequest, "expiry-invalid", L(http)["Currency.Error.InvalidExpiry"], field: "expiresOn");
            }
        }
        else
        {
            // A retry must ask the very same thing: reuse the expiry the first attempt stored under this key.
            expiresAt = await PaymentRequests.ExpiryOfEarlierAsync(db, caller.ChamberId, key, ct) ?? PaymentRequests.DefaultExpiry(now, DefaultRequestDays);
        }

        try
        {
            var outcome = await ledger.ExecuteAsync(new RequestPayment(caller.ChamberId, Guid.NewGuid(), payee!.Id, payer!.Id, amount, input.Description, expiresAt, caller.Actor, now, key), ct);
            MarkReplay(http, outcome);
            var request = await db.Set<PaymentRequest>().AsNoTracking().SingleAsync(r => r.Id == outcome.ResultId, ct);
            return TypedResults.Created((string?)null, await RequestDtoAsync(accounts, currency!, request, ct));
        }
        catch (LedgerException e)
        {
            return Problem(http, e, currency);
        }
    }

    private static Task<Results<Ok<PaymentRequestDto>, ProblemHttpResult>> AcceptAsync(
        Guid id, HttpContext http, CurrencyAccounts accounts, LedgerService ledger, MaillageDbContext db, TimeProvider clock, CancellationToken ct) =>
        AnswerAsync(id, accept: true, http, accounts, ledger, db, clock, ct);

    private static Task<Results<Ok<PaymentRequestDto>, ProblemHttpResult>> DeclineAsync(
        Guid id, HttpContext http, CurrencyAccounts accounts, LedgerService ledger, MaillageDbContext db, TimeProvider clock, CancellationToken ct) =>
        AnswerAsync(id, accept: false, http, accounts, ledger, db, clock, ct);

    private static async Task<Results<Ok<PaymentRequestDto>, ProblemHttpResult>> AnswerAsync(
        Guid id, bool accept, HttpContext http, CurrencyAccounts accounts, LedgerService ledger, MaillageDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var caller = ApiCaller.Of(http);
        if (IdempotencyKey(http, caller) is not { } key)
        {
            return KeyProblem(http);
        }

        var (currency, account, problem) = await CallerAccountAsync(http, accounts, caller, ct);
        if (problem is not null)
        {
            return problem;
        }

        // Another chamber's or another payer's request is simply not found: its existence is not disclosed.
        var request = await db.Set<PaymentRequest>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.ChamberId == caller.ChamberId && r.PayerAccountId == account!.Id, ct);
        if (request is null)
        {
            return Problem(http, StatusCodes.Status404NotFound, "request-unknown", L(http)["Currency.Error.UnknownRequest"]);
        }

        try
        {
            var now = clock.GetUtcNow().UtcDateTime;
            LedgerCommand command = accept
                ? new AcceptRequest(caller.ChamberId, id, account!.Id, caller.Actor, now, key)
                : new DeclineRequest(caller.ChamberId, id, account!.Id, caller.Actor, now, key);
            MarkReplay(http, await ledger.ExecuteAsync(command, ct));
            var answered = await db.Set<PaymentRequest>().AsNoTracking().SingleAsync(r => r.Id == id, ct);
            return TypedResults.Ok(await RequestDtoAsync(accounts, currency!, answered, ct));
        }
        catch (LedgerException e)
        {
            return Problem(http, e, currency);
        }
    }

    private static async Task<Results<Ok<CurrencyAccountDto>, ProblemHttpResult>> AccountAsync(HttpContext http, CurrencyAccounts accounts, CancellationToken ct)
    {
        var caller = ApiCaller.Of(http);
        var (currency, account, problem) = await CallerAccountAsync(http, accounts, caller, ct);
        if (problem is not null)
        {
            return problem;
        }

        var view = await accounts.ViewAsync(currency!, account!, ct);
        var incoming = new List<PaymentRequestDto>();
        foreach (var r in view.Incoming)
        {
            incoming.Add(await RequestDtoAsync(accounts, currency!, r.Request, ct));
        }

        var outgoing = new List<PaymentRequestDto>();
        foreach (var r in view.Outgoing)
        {
            outgoing.Add(await RequestDtoAsync(accounts, currency!, r.Request, ct));
        }

        var a = view.Account;
        return TypedResults.Ok(new CurrencyAccountDto(
            a.Id, caller.OrganisationId, view.OrganisationName, currency!.Code, currency.Name, currency.Symbol, currency.MinorDigits,
            CurrencyErrors.Invariant(a.Balance, currency), CurrencyErrors.Invariant(a.CreditLimit, currency), CurrencyErrors.Invariant(a.Available, currency),
            a.IsBlocked, incoming, outgoing));
    }

    private static async Task<Results<Ok<StatementDto>, ProblemHttpResult>> StatementAsync(
        HttpContext http, CurrencyAccounts accounts, TimeProvider clock, DateOnly? from, DateOnly? to, int? page, int? pageSize, CancellationToken ct)
    {
        var caller = ApiCaller.Of(http);
        var (currency, account, problem) = await CallerAccountAsync(http, accounts, caller, ct);
        if (problem is not null)
        {
            return problem;
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, Display.SwissTime));
        var last = to ?? today;
        var first = from ?? last.AddDays(-30);
        if (first > last || last.DayNumber - first.DayNumber > 366)
        {
            return Problem(http, StatusCodes.Status400BadRequest, "period-invalid", L(http)["Currency.Error.PeriodInvalid"], field: "from");
        }

        var size = pageSize ?? 100;
        var number = page ?? 1;
        if (size is < 1 or > 500 || number < 1)
        {
            return Problem(http, StatusCodes.Status400BadRequest, "paging-invalid", L(http)["Currency.Error.PagingInvalid"], field: "pageSize");
        }

        var statement = await accounts.StatementAsync(currency!, account!, PaymentRequests.StartOfSwissDay(first), PaymentRequests.StartOfSwissDay(last.AddDays(1)), number, size, ct);
        return TypedResults.Ok(new StatementDto(
            first, last, currency!.Code, CurrencyErrors.Invariant(statement.OpeningBalance, currency), CurrencyErrors.Invariant(statement.ClosingBalance, currency),
            number, size, statement.Total,
            statement.Lines.Select(l => new StatementLineDto(
                l.OperationId, l.Sequence, l.At, l.Kind.ToString(), l.Counterparty, l.Description, l.Reference,
                CurrencyErrors.Invariant(l.Amount, currency), CurrencyErrors.Invariant(l.Fee, currency), CurrencyErrors.Invariant(l.BalanceAfter, currency))).ToList()));
    }

    private static async Task<(CurrencyDefinition? Currency, LedgerAccount? Account, ProblemHttpResult? Problem)> CallerAccountAsync(
        HttpContext http, CurrencyAccounts accounts, ApiCaller caller, CancellationToken ct)
    {
        // The token filter read the currency and the caller's account with the token; the account is opened on first use only.
        var (currency, existing) = (caller.Currency, caller.Account);
        if (currency is null)
        {
            return (null, null, Problem(http, StatusCodes.Status404NotFound, "no-currency", L(http)["Currency.Error.NoCurrency"]));
        }

        var account = existing ?? await accounts.AccountOfAsync(caller.ChamberId, caller.OrganisationId, ct);
        return account is null
            ? (currency, null, Problem(http, StatusCodes.Status403Forbidden, "organisation-inactive", L(http)["Currency.Api.OrganisationInactive"]))
            : (currency, account, null);
    }

    /// <summary>The other party, by organisation or by account, of the caller's chamber only; another chamber's is "unknown".</summary>
    private static async Task<(LedgerAccount? Account, string? Name, ProblemHttpResult? Problem)> CounterpartAsync(
        HttpContext http, CurrencyAccounts accounts, ApiCaller caller, Guid? organisationId, Guid? accountId, string role, CancellationToken ct)
    {
        if ((organisationId is null) == (accountId is null))
        {
            return (null, null, Problem(http, StatusCodes.Status400BadRequest, role + "-required", L(http)["Currency.Api.CounterpartRequired"], field: role + "OrganisationId"));
        }

        var (account, name) = organisationId is { } org
            ? (await accounts.AccountOfAsync(caller.ChamberId, org, ct), null)
            : await accounts.FindAccountWithNameAsync(caller.ChamberId, accountId!.Value, ct);
        if (account is not null && account.Kind == AccountKind.Organisation)
        {
            return (account, name, null);
        }

        var field = role + (organisationId is not null ? "OrganisationId" : "AccountId");
        var message = L(http)[role == "payee" ? "Currency.Error.PayeeUnknown" : "Currency.Error.PayerUnknown"];
        return (null, null, Problem(http, StatusCodes.Status422UnprocessableEntity, role + "-unknown", message, field: field));
    }

    /// <summary>The API takes amounts as JSON strings with a dot ("1234.50"): no grouping, no comma, no exponent.</summary>
    private static (long Amount, ProblemHttpResult? Problem) ParseAmount(HttpContext http, string? text, CurrencyDefinition currency)
    {
        var reason = text is null || text.Length == 0 ? LedgerErrors.AmountRequired
            : !text.All(c => char.IsAsciiDigit(c) || c is '.' or '-') ? LedgerErrors.AmountNotNumeric
            : null;
        if (reason is null)
        {
            if (Amounts.TryParse(text, currency.MinorDigits, AmountRule.Positive, out var amount, out var error))
            {
                return (amount, null);
            }

            reason = error;
        }

        var refusal = new LedgerException(reason ?? LedgerErrors.AmountNotNumeric, "Amount");
        return (0, Problem(http, refusal, currency));
    }

    private static string? IdempotencyKey(HttpContext http, ApiCaller caller)
    {
        var key = http.Request.Headers[IdempotencyHeader].ToString();
        if (key.Length is 0 or > IdempotencyKeyMax || !key.All(c => c is >= '!' and <= '~'))
        {
            return null;
        }

        // Scoped per token: two tills that happen to pick the same key never see each other's answers.
        return FormattableString.Invariant($"api:{caller.Token.Id:N}:{key}");
    }

    private static ProblemHttpResult KeyProblem(HttpContext http)
    {
        var missing = http.Request.Headers[IdempotencyHeader].ToString().Length == 0;
        return Problem(
            http, StatusCodes.Status400BadRequest, missing ? "idempotency-key-missing" : "idempotency-key-invalid",
            L(http)[missing ? "Currency.Api.IdempotencyKeyMissing" : "Currency.Api.IdempotencyKeyInvalid", IdempotencyKeyMax], field: IdempotencyHeader);
    }

    private static void MarkReplay(HttpContext http, LedgerOutcome outcome)
    {
        if (outcome.Replayed)
        {
            http.Response.Headers["Idempotent-Replayed"] = "true";
        }
    }

    private static Guid PayeeOf(Operation operation) => operation.Entries.OrderBy(e => e.Index).Skip(1).First().AccountId;

    /// <param name="payeeName">The payee's name when the caller already read it; otherwise it is read here.</param>
    private static async Task<PaymentDto> PaymentDtoAsync(CurrencyAccounts accounts, CurrencyDefinition currency, Operation operation, string? payeeName, CancellationToken ct)
    {
        var payer = operation.Entries.OrderBy(e => e.Index).First().AccountId;
        var payee = PayeeOf(operation);
        payeeName ??= (await accounts.NamesOfAccountsAsync([payee], ct)).GetValueOrDefault(payee, string.Empty);
        return new PaymentDto(
            operation.Id, operation.Sequence, operation.At, payer, payee, payeeName,
            CurrencyErrors.Invariant(operation.Amount, currency), CurrencyErrors.Invariant(operation.Fee, currency), currency.Code, operation.Description, operation.Reference);
    }

    private static async Task<PaymentRequestDto> RequestDtoAsync(CurrencyAccounts accounts, CurrencyDefinition currency, PaymentRequest r, CancellationToken ct)
    {
        var names = await accounts.NamesOfAccountsAsync([r.PayerAccountId, r.PayeeAccountId], ct);
        return new PaymentRequestDto(
            r.Id, r.State.ToString(), r.PayerAccountId, names.GetValueOrDefault(r.PayerAccountId, string.Empty), r.PayeeAccountId, names.GetValueOrDefault(r.PayeeAccountId, string.Empty),
            CurrencyErrors.Invariant(r.Amount, currency), currency.Code, r.Description, r.CreatedAt, r.ExpiresAt, r.PaymentOperationId);
    }

    private static ProblemHttpResult Problem(HttpContext http, LedgerException error, CurrencyDefinition? currency)
    {
        var extensions = new Dictionary<string, object?>();
        if (error.Code == LedgerErrors.InsufficientFunds && currency is not null)
        {
            extensions["available"] = CurrencyErrors.Invariant(error.Available ?? 0, currency);
        }

        if (error.Code is LedgerErrors.AmountRequired or LedgerErrors.AmountNotNumeric or LedgerErrors.AmountNotPositive or LedgerErrors.AmountTooPrecise or LedgerErrors.AmountTooLarge)
        {
            extensions["reason"] = error.Code;
        }

        return Problem(http, CurrencyErrors.Status(error.Code), CurrencyErrors.ApiCode(error.Code, error.Field), CurrencyErrors.Message(L(http), error, currency), JsonField(error.Field), extensions);
    }

    private static string? JsonField(string? field) => field switch
    {
        null => null,
        "Amount" => "amount",
        "Payee" => "payee",
        "Payer" => "payer",
        "Description" => "description",
        "Reference" => "reference",
        "IdempotencyKey" => IdempotencyHeader,
        _ => char.ToLowerInvariant(field[0]) + field[1..],
    };

    internal static ProblemHttpResult Problem(HttpContext http, int status, string code, string title, string? field = null, Dictionary<string, object?>? extensions = null)
    {
        extensions ??= [];
        extensions["code"] = code;
        extensions["traceId"] = http.TraceIdentifier;
        if (field is not null)
        {
            extensions["field"] = field;
        }

        return TypedResults.Problem(statusCode: status, title: title, type: "https://maillage.example/problemes/" + code, extensions: extensions);
    }

    private static Microsoft.Extensions.Localization.IStringLocalizer L(HttpContext http) => CurrencyErrors.Localizer(http);

    /// <summary>
    /// Checks the bearer token before the handler runs: known, not revoked, not expired, with the scope, organisation
    /// still active. Where the writer checks the token again when it applies the call (<paramref name="writerChecksAgain"/>),
    /// the token may come from <see cref="CurrencyApiCache"/> and the call reads nothing before the writer.
    /// </summary>
    private sealed class TokenFilter(string scope, bool writerChecksAgain = false) : IEndpointFilter
    {
        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            var http = context.HttpContext;
            var header = http.Request.Headers.Authorization.ToString();
            if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                return Unauthorized(http, "token-missing", "Currency.Api.TokenMissing");
            }

            var secret = header["Bearer ".Length..].Trim();
            if (!AccessToken.LooksLikeSecret(secret))
            {
                return Unauthorized(http, "token-invalid", "Currency.Api.TokenInvalid");
            }

            var db = http.RequestServices.GetRequiredService<MaillageDbContext>();
            var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            var hash = AccessToken.HashOf(secret);

            var cache = http.RequestServices.GetRequiredService<CurrencyApiCache>();
            if (!writerChecksAgain || !cache.TryGetToken(hash, out var found))
            {
                // Open once for the whole call: the token's query and the handler's share one pooled connection.
                await db.Database.OpenConnectionAsync(http.RequestAborted);
                found = await TokenWithContext.For(db)(db, hash, http.RequestAborted);
                if (found is null)
                {
                    return Unauthorized(http, "token-invalid", "Currency.Api.TokenInvalid");
                }

                if (writerChecksAgain)
                {
                    cache.KeepToken(hash, found);
                }
            }

            var token = found.Token;

            if (token.RevokedAt is not null)
            {
                return Unauthorized(http, "token-revoked", "Currency.Api.TokenRevoked");
            }

            if (!token.IsUsableAt(now))
            {
                return Unauthorized(http, "token-expired", "Currency.Api.TokenExpired");
            }

            if (!token.Allows(scope))
            {
                return Problem(http, StatusCodes.Status403Forbidden, "insufficient-scope", L(http)["Currency.Api.InsufficientScope", scope], extensions: new() { ["scope"] = scope });
            }

            if (!found.Active)
            {
                return Problem(http, StatusCodes.Status403Forbidden, "organisation-inactive", L(http)["Currency.Api.OrganisationInactive"]);
            }

            // "Last used" to the minute is enough for people, and spares a write on every call.
            if (cache.ShouldStampLastUse(found, now))
            {
                await db.Set<AccessToken>().Where(t => t.Id == token.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), http.RequestAborted);
            }

            http.Items[typeof(ApiCaller)] = new ApiCaller(token)
            {
                Currency = found.Currency,
                Account = found.Account is { } account && account.ChamberId == token.ChamberId ? account : null,
            };
            return await next(context);
        }

        // One query, compiled once: the token, whether its organisation is still an active member, the chamber's
        // currency and the organisation's account (every currency call needs them; a payment then reads only its payee).
        private static readonly CompiledPerModel<Func<MaillageDbContext, string, CancellationToken, Task<ApiTokenContext?>>> TokenWithContext = new(() =>
            EF.CompileAsyncQuery((MaillageDbContext db, string hash, CancellationToken ct) => (
                from t in db.Set<AccessToken>().AsNoTracking()
                where t.SecretHash == hash
                join c in db.Set<CurrencyDefinition>().AsNoTracking() on t.ChamberId equals c.ChamberId into currencies
                from c in currencies.DefaultIfEmpty()
                join a in db.Set<LedgerAccount>().AsNoTracking() on t.OrganisationId equals a.OrganisationId into accounts
                from a in accounts.DefaultIfEmpty()
                select new ApiTokenContext(
                    t,
                    db.Organisations.Any(o => o.Id == t.OrganisationId && o.ChamberId == t.ChamberId && o.State == OrganisationState.Active),
                    c,
                    a)).SingleOrDefault()));

        internal static ProblemHttpResult Unauthorized(HttpContext http, string code, string key)
        {
            http.Response.Headers.WWWAuthenticate = code == "token-missing" ? "Bearer" : "Bearer error=\"invalid_token\"";
            return Problem(http, StatusCodes.Status401Unauthorized, code, L(http)[key]);
        }
    }
}

/// <summary>Days and expiries of payment requests, in Swiss time.</summary>
public static class PaymentRequests
{
    public static DateTime StartOfSwissDay(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), Display.SwissTime);

    /// <summary>A request "until 30 June" may be answered through the whole of 30 June.</summary>
    public static DateTime EndOfSwissDay(DateOnly day) => StartOfSwissDay(day.AddDays(1));

    /// <summary>Whole seconds, so the expiry stored and hashed into the idempotency fingerprint is the same on both engines.</summary>
    public static DateTime DefaultExpiry(DateTime now, int days)
    {
        var at = now.AddDays(days);
        return new DateTime(at.Ticks - (at.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
    }

    public static async Task<DateTime?> ExpiryOfEarlierAsync(MaillageDbContext db, Guid chamberId, string key, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var resultId = await db.Set<IdempotencyRecord>().AsNoTracking().Where(r => r.ChamberId == chamberId && r.Key == key).Select(r => (Guid?)r.ResultId).SingleOrDefaultAsync(ct);
        return resultId is null ? null : await db.Set<PaymentRequest>().AsNoTracking().Where(r => r.Id == resultId).Select(r => (DateTime?)r.ExpiresAt).SingleOrDefaultAsync(ct);
    }

    internal static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
