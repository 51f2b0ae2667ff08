using System.Globalization;
using Maillage.Domain.Currency;
using Maillage.Web.Data;
using Microsoft.EntityFrameworkCore;
using LedgerAccount = Maillage.Domain.Currency.Account;

namespace Maillage.Web.Features.Currency;

/// <summary>
/// `ledger-load --chamber ID [--clients 8] [--count N]`: pays between the chamber's member accounts in a loop
/// through <see cref="LedgerService"/> and prints `ack OPERATION-ID` for each payment the ledger acknowledged
/// (after its durable commit), `refused CODE` for each refusal, then `done`. Used by the crash test, which kills
/// the process with SIGKILL under load and checks that every acknowledged payment was kept; also a load generator.
/// </summary>
public static class LedgerLoad
{
    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(args);
        string? Value(string name)
        {
            var index = args.ToList().IndexOf(name);
            return index >= 0 && index + 1 < args.Count ? args[index + 1] : null;
        }

        if (!Guid.TryParse(Value("--chamber"), out var chamberId))
        {
            await Console.Error.WriteLineAsync("usage: ledger-load --chamber CHAMBER-ID [--clients 8] [--count N (0: until stopped)]");
            return 2;
        }

        var clients = int.Parse(Value("--clients") ?? "8", CultureInfo.InvariantCulture);
        var count = long.Parse(Value("--count") ?? "0", CultureInfo.InvariantCulture);
        List<Guid> accounts;
        using (var scope = services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MaillageDbContext>();
            accounts = await db.Set<LedgerAccount>().Where(a => a.ChamberId == chamberId && a.Kind == AccountKind.Organisation)
                .OrderBy(a => a.Id).Select(a => a.Id).ToListAsync();
        }

        if (accounts.Count < 2)
        {
            await Console.Error.WriteLineAsync("ledger-load: the chamber needs a currency with at least two member accounts");
            return 2;
        }

        var actor = new LedgerActor(null, "ledger-load");
        var sent = 0L;
        await Console.Out.WriteLineAsync("ready");
        var loops = Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            using var scope = services.CreateScope();
            var ledger = scope.ServiceProvider.GetRequiredService<LedgerService>();
            var random = new Random();
            while (count == 0 || Interlocked.Increment(ref sent) <= count)
            {
                var payer = random.Next(accounts.Count);
                var payee = (payer + 1 + random.Next(accounts.Count - 1)) % accounts.Count;
                var pay = new Pay(chamberId, accounts[payer], accounts[payee], random.Next(1, 10_000), "Charge", null, actor, DateTime.UtcNow, "load-" + Guid.NewGuid().ToString("N"));
                try
                {
                    var outcome = await ledger.ExecuteAsync(pay);
                    Console.Out.WriteLine("ack " + outcome.ResultId.ToString("D"));
                }
                catch (LedgerException refusal)
                {
                    Console.Out.WriteLine("refused " + refusal.Code);
                }
            }
        })).ToList();
        await Task.WhenAll(loops);
        await Console.Out.WriteLineAsync("done");
        return 0;
    }
}
