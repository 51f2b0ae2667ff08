using System.Collections.Concurrent;
using System.Diagnostics;
using Maillage.Domain.Currency;
using Maillage.Web.Tests.Infrastructure;

namespace Maillage.Web.Tests.Currency;

/// <summary>
/// Invariant 6, durability: the built Maillage.Web runs as a separate process paying under load (`ledger-load`,
/// eight clients through LedgerService) and printing each acknowledged payment; it is killed with SIGKILL in the
/// middle of its commits, then started again on the same database and pays some more. Every payment it
/// acknowledged before dying is stored, nothing is half-applied and the hash chain verifies.
/// </summary>
public abstract class LedgerCrashTests(MaillageApp app)
{
    [Fact]
    public async Task Every_acknowledged_payment_survives_a_kill_9_of_the_app_under_load()
    {
        var bed = await LedgerTestBed.OpenAsync(app, members: 20, creditLimit: 10_000_000);
        var acknowledged = new ConcurrentBag<Guid>();

        // First life: killed without warning once payments are flowing.
        using (var first = Start(bed, "--clients", "8"))
        {
            var reading = ReadAcknowledgementsAsync(first, acknowledged);
            var deadline = Stopwatch.StartNew();
            while (acknowledged.Count < 60 && !first.HasExited && deadline.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(10);
            }

            first.HasExited.ShouldBeFalse("ledger-load stopped by itself: " + Errors(first));
            first.Kill(entireProcessTree: false);
            await first.WaitForExitAsync();
            await reading;
        }

        var beforeCrash = acknowledged.Count;
        beforeCrash.ShouldBeGreaterThanOrEqualTo(60);

        // Second life on the same database: it starts, pays and ends normally.
        using (var second = Start(bed, "--clients", "4", "--count", "40"))
        {
            var reading = ReadAcknowledgementsAsync(second, acknowledged);
            var patience = Stopwatch.StartNew();
            while (!second.HasExited && patience.Elapsed < TimeSpan.FromSeconds(90))
            {
                await Task.Delay(20);
            }

            second.HasExited.ShouldBeTrue($"the restarted app did not finish: {acknowledged.Count - beforeCrash} acknowledged; {Errors(second)}");
            await reading;
            second.ExitCode.ShouldBe(0, Errors(second));
        }

        acknowledged.Count.ShouldBe(beforeCrash + 40);
        var stored = (await bed.OperationsAsync(app)).ToDictionary(o => o.Id);
        acknowledged.Where(id => !stored.ContainsKey(id)).ShouldBeEmpty("acknowledged payments lost in the crash");
        stored.Values.ShouldAllBe(o => o.Kind == OperationKind.Payment && o.Entries.Count == (o.Fee > 0 ? 3 : 2) && o.Entries.Sum(e => e.Amount) == 0);

        // At most the batch in flight was committed without its acknowledgement being printed.
        (stored.Count - acknowledged.Count).ShouldBeInRange(0, 256);
        (await bed.VerifyAsync(app)).ShouldBeEmpty();
    }

    private Process Start(LedgerTestBed bed, params string[] arguments)
    {
        var folder = AppContext.BaseDirectory;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(folder, "Maillage.Web.dll"));
        start.ArgumentList.Add("ledger-load");
        start.ArgumentList.Add("--chamber");
        start.ArgumentList.Add(bed.ChamberId.ToString());
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Database__Provider"] = app.Database.Provider.ToString();
        start.Environment["Database__ConnectionString"] = app.Database.ConnectionString;
        start.Environment["Database__SeedDemo"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = new Process { StartInfo = start };
        var errors = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
            }
        };
        process.Start();
        process.BeginErrorReadLine();
        ErrorsOf[process] = errors;
        return process;
    }

    private static readonly ConcurrentDictionary<Process, System.Text.StringBuilder> ErrorsOf = new();

    private static string Errors(Process process)
    {
        var errors = ErrorsOf[process];
        lock (errors)
        {
            return errors.ToString();
        }
    }

    /// <summary>Every `ack ID` line, including those still in the pipe when the process died.</summary>
    private static async Task ReadAcknowledgementsAsync(Process process, ConcurrentBag<Guid> acknowledged)
    {
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("ack ", StringComparison.Ordinal))
            {
                acknowledged.Add(Guid.Parse(line[4..]));
            }
        }
    }
}

public sealed class LedgerCrashTestsOnSqlite(SqliteApp app) : LedgerCrashTests(app), IClassFixture<SqliteApp>;

public sealed class LedgerCrashTestsOnPostgreSQL(PostgresApp app) : LedgerCrashTests(app), IClassFixture<PostgresApp>;
