using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Maillage.Domain.Currency;
using Maillage.Web.Data;
using Maillage.Web.Features.Currency;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Maillage.Bench;

/// <summary>
/// The real application (its whole pipeline) served by Kestrel on a free local port in this process, on the
/// benchmark's database, and clients paying through <c>POST /api/v1/currency/payments</c> with personal access
/// tokens and an Idempotency-Key per request, as a till would.
/// </summary>
public sealed class HttpLoad : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _client;
    private readonly IReadOnlyList<string> _tokens;
    private readonly IReadOnlyList<Guid> _payees;

    private HttpLoad(WebApplication app, HttpClient client, IReadOnlyList<string> tokens, IReadOnlyList<Guid> payees)
    {
        _app = app;
        _client = client;
        _tokens = tokens;
        _payees = payees;
    }

    public Uri BaseAddress => _client.BaseAddress!;

    /// <summary>The app's own ledger writer, whose batches the HTTP runs report.</summary>
    public LedgerWriter Writer => _app.Services.GetRequiredService<LedgerWriter>();

    /// <summary>The payment a till sends, for an out-of-process load generator.</summary>
    public WrkRequest PaymentRequest => WrkRequest.Payment(_tokens, _payees);

    /// <summary>Starts the app and issues one token (all scopes) to each of <paramref name="payers"/>.</summary>
    public static async Task<HttpLoad> StartAsync(DatabaseProvider provider, string connectionString, Guid chamberId, IReadOnlyList<Guid> payerOrganisations, IReadOnlyList<Guid> payeeAccounts)
    {
        ArgumentNullException.ThrowIfNull(payerOrganisations);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = "Maillage.Web",
            EnvironmentName = "Benchmark",
            ContentRootPath = AppContext.BaseDirectory,
            Args =
            [
                "--Database:Provider=" + provider,
                "--Database:ConnectionString=" + connectionString,
                "--Database:SeedDemo=false",
                "--Maillage:RateLimits:CurrencyApiPerMinute=100000000",
                "--Logging:LogLevel:Default=Warning",
                "--urls=http://127.0.0.1:0",
            ],
        });
        builder.AddMaillage();
        var app = builder.Build();
        await app.PrepareDatabaseAsync();
        app.UseMaillage();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        var tokens = new List<string>();
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MaillageDbContext>();
            var now = DateTime.UtcNow;
            foreach (var organisation in payerOrganisations)
            {
                var (token, secret) = AccessToken.Issue(chamberId, organisation, "Caisse de mesure", AccessToken.AllScopes, now.AddDays(1), null, "bench", now);
                db.Add(token);
                tokens.Add(secret);
            }

            await db.SaveChangesAsync();
        }

        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = new Uri(address),
        };
        Console.Error.WriteLine($"{provider}: app listening on {address}");
        return new HttpLoad(app, client, tokens, payeeAccounts);
    }

    /// <summary>One payment by the token of <paramref name="client"/>'s till to a random member.</summary>
    public async Task PayAsync(int client, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var token = _tokens[client % _tokens.Count];
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/currency/payments")
        {
            Content = JsonContent.Create(new
            {
                payeeAccountId = _payees[random.Next(_payees.Count)],
                amount = (random.Next(100, 10_000) / 100m).ToString("0.00", CultureInfo.InvariantCulture),
                description = "Mesure",
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        using var response = await _client.SendAsync(request);
        if ((int)response.StatusCode != 201)
        {
            throw new InvalidOperationException($"POST /api/v1/currency/payments answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>The cheapest route through the same pipeline and client (one database check): the HTTP floor.</summary>
    public async Task HealthAsync()
    {
        using var response = await _client.GetAsync(new Uri("/health", UriKind.Relative));
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET /health answered {(int)response.StatusCode}.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
