using Maillage.Web.Data;
using Maillage.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Currency;

/// <summary>
/// `dotnet run --project src/Maillage.Web -- verify-ledger [chamber]`: runs <see cref="LedgerService.VerifyAsync"/>
/// for one chamber (by slug) or every chamber with a currency, prints the result, and exits with 1 on any violation.
/// </summary>
public static class LedgerVerification
{
    public static async Task<bool> RunAsync(WebApplication app, string? chamberSlug)
    {
        ArgumentNullException.ThrowIfNull(app);
        await app.PrepareDatabaseAsync();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MaillageDbContext>();
        var ledger = scope.ServiceProvider.GetRequiredService<LedgerService>();
        var chambers = await db.Chambers.AsNoTracking()
            .Join(db.Set<Domain.Currency.CurrencyDefinition>(), c => c.Id, d => d.ChamberId, (c, d) => new { c.Id, c.Slug, d.Name, d.ChainSequence })
            .Where(c => chamberSlug == null || c.Slug == chamberSlug)
            .OrderBy(c => c.Slug).ToListAsync();
        if (chambers.Count == 0)
        {
            await Console.Error.WriteLineAsync(chamberSlug is null ? "No chamber has a currency." : $"Chamber '{chamberSlug}' not found or without a currency.");
            Environment.ExitCode = 2;
            return true;
        }

        var failed = false;
        foreach (var chamber in chambers)
        {
            var violations = await ledger.VerifyAsync(chamber.Id);
            await Console.Out.WriteLineAsync($"{chamber.Slug} ({chamber.Name}): {chamber.ChainSequence} operations, {(violations.Count == 0 ? "OK" : violations.Count + " violation(s)")}");
            foreach (var violation in violations)
            {
                await Console.Out.WriteLineAsync($"  invariant {violation.Invariant}: {violation.Detail}");
            }

            failed |= violations.Count > 0;
        }

        Environment.ExitCode = failed ? 1 : 0;
        return true;
    }
}
