using Maillage.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Infrastructure;

/// <summary>
/// Maintenance verbs: `migrate` applies migrations and exits; `schema` prints the model's CREATE script for the
/// configured engine, the starting point of a hand-written migration; `ledger-load` pays in a loop through the
/// ledger (see <see cref="Features.Currency.LedgerLoad"/>); `verify-ledger [chamber]` checks the currency's invariants and
/// hash chain (exit code 1 when something is wrong).
/// </summary>
public static class CommandLine
{
    public static async Task<bool> TryRunAsync(WebApplication app, string[] args)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(args);
        switch (args[0])
        {
            case "migrate":
                await app.PrepareDatabaseAsync();
                return true;
            case "schema":
                using (var scope = app.Services.CreateScope())
                {
                    var db = scope.ServiceProvider.GetRequiredService<MaillageDbContext>();
                    await Console.Out.WriteLineAsync(db.Database.GenerateCreateScript());
                }

                return true;
            case "ledger-load":
                await app.PrepareDatabaseAsync();
                Environment.ExitCode = await Features.Currency.LedgerLoad.RunAsync(app.Services, args[1..]);
                return true;
            case "verify-ledger":
                return await Features.Currency.LedgerVerification.RunAsync(app, args.Length > 1 ? args[1] : null);
            default:
                return false;
        }
    }
}
