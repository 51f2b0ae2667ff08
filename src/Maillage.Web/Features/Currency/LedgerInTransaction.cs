using Maillage.Domain.Currency;
using Maillage.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Currency;

/// <summary>
/// Applies a ledger command inside a transaction the caller already holds, so that another module's writes (a
/// clearing round's invoice reductions) and the ledger's commit together or not at all. It takes the same ledger
/// lock as <see cref="LedgerWriter"/> (PostgreSQL advisory lock; on SQLite the caller's transaction already holds the
/// database's write lock), loads the rows the command names, applies the domain rules and writes the operation,
/// balances and chain head with the same SQL as the writer, in the caller's transaction: the caller's commit (or
/// rollback) takes them with its own changes.
/// </summary>
public static class LedgerInTransaction
{
    /// <exception cref="LedgerException">The ledger refuses the command; nothing of it is written.</exception>
    public static async Task<LedgerOutcome> ApplyAsync(MaillageDbContext db, LedgerCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(command);
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("The caller's transaction must be open: the ledger joins it.");
        }

        using var working = await LedgerWorkingSet.LoadAsync(db, [command], ct: cancellationToken);
        var outcome = Ledger.Execute(working.State, command);
        await working.SaveAsync(cancellationToken);
        return outcome;
    }
}
