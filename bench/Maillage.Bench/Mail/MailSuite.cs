using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Maillage.Web.Data;
using Maillage.Web.Features.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Maillage.Bench;

/// <summary>
/// Queues newsletter messages to distinct subscribers in a SQLite outbox and drains them with two dispatchers (two app
/// instances) through a local aiosmtpd server; reports messages per second and checks each subscriber got one copy.
/// </summary>
public sealed class MailSuite : IBenchSuite
{
    public string Name => "mail";

    public string Description => "newsletter through the outbox and a local SMTP server: messages/s, exactly one copy each (--messages N)";

    public async Task<JsonObject> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var count = int.TryParse(options.Value("--messages"), out var n) ? n : options.Quick ? 5_000 : 50_000;
        var folder = Path.Combine(Path.GetTempPath(), "maillage-bench-mail-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var connectionString = $"Data Source={Path.Combine(folder, "bench.db")}";
        var port = FreePort();
        using var sink = StartSink(port, Path.Combine(folder, "smtp"));
        try
        {
            var services = new ServiceCollection();
            services.AddDbContext<MaillageDbContext>(o => DatabaseSetup.Configure(o, DatabaseProvider.Sqlite, connectionString));
            await using var provider = services.BuildServiceProvider();
            using (var scope = provider.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<MaillageDbContext>();
                await db.Database.EnsureCreatedAsync(cancellationToken);
                Console.Error.WriteLine($"mail: queueing {count} messages");
                var now = DateTime.UtcNow;
                for (var start = 0; start < count; start += 5_000)
                {
                    db.Outbox.AddRange(Enumerable.Range(start, Math.Min(5_000, count - start)).Select(i => new OutboxMessage
                    {
                        ToAddress = $"abonne-{i:D6}@exemple.ch",
                        Subject = "Les nouvelles de l'APRÈS-GE — novembre",
                        TextBody = "Bonjour,\n\nVoici les nouvelles de la chambre : nouveaux membres, offres, agenda.\n\nBonne lecture !",
                        HtmlBody = "<!DOCTYPE html><html><body><h1>Les nouvelles de l'APRÈS-GE</h1><p>Nouveaux membres, offres, agenda.</p></body></html>",
                        Kind = "newsletter",
                        UnsubscribeUrl = $"https://maillage.example/ge/lettre/desabonnement/jeton{i}",
                        Priority = EmailOutbox.BulkPriority,
                        CreatedAt = now,
                    }));
                    await db.SaveChangesAsync(cancellationToken);
                    db.ChangeTracker.Clear();
                }
            }

            var smtp = new SmtpOptions { Host = "127.0.0.1", Port = port, Tls = SmtpTlsMode.None, MaxPerSecond = 0, BatchSize = 500, Connections = 4, HeloName = "bench.maillage.example" };
            using var first = new OutboxDispatcher(provider.GetRequiredService<IServiceScopeFactory>(), Microsoft.Extensions.Options.Options.Create(smtp), TimeProvider.System, NullLogger<OutboxDispatcher>.Instance);
            using var second = new OutboxDispatcher(provider.GetRequiredService<IServiceScopeFactory>(), Microsoft.Extensions.Options.Options.Create(smtp), TimeProvider.System, NullLogger<OutboxDispatcher>.Instance);
            Console.Error.WriteLine("mail: draining with two dispatchers");
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(DrainAsync(first, cancellationToken), DrainAsync(second, cancellationToken));
            clock.Stop();

            int sent;
            using (var scope = provider.CreateScope())
            {
                sent = await scope.ServiceProvider.GetRequiredService<MaillageDbContext>().Outbox.CountAsync(m => m.SentAt != null, cancellationToken);
            }

            var lines = await ReadReceivedAsync(Path.Combine(folder, "smtp", "received.tsv"), count);
            var recipients = lines.Select(l => l.Split('\t')[0]).ToList();
            var distinct = recipients.Distinct(StringComparer.OrdinalIgnoreCase).Count();
            var perSecond = count / clock.Elapsed.TotalSeconds;
            return new JsonObject
            {
                ["messages"] = count,
                ["seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 2),
                ["messages_per_second"] = Math.Round(perSecond, 0),
                ["target_per_second"] = 500,
                ["meets_target"] = perSecond >= 500,
                ["recorded_sent"] = sent,
                ["received"] = recipients.Count,
                ["distinct_recipients"] = distinct,
                ["exactly_one_copy_each"] = recipients.Count == count && distinct == count && sent == count,
                ["setup"] = "SQLite outbox, two dispatchers x 4 SMTP sessions, batches of 500, no rate limit, aiosmtpd (python3) on loopback",
            };
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Left in the temp folder.
            }
        }
    }

    private static async Task DrainAsync(OutboxDispatcher dispatcher, CancellationToken ct)
    {
        while (await dispatcher.RunOnceAsync(ct) > 0)
        {
        }
    }

    /// <summary>The server writes asynchronously: wait briefly until every expected line is there.</summary>
    private static async Task<string[]> ReadReceivedAsync(string path, int expected)
    {
        for (var i = 0; i < 50; i++)
        {
            var lines = File.Exists(path) ? await File.ReadAllLinesAsync(path) : [];
            if (lines.Length >= expected)
            {
                return lines;
            }

            await Task.Delay(100);
        }

        return File.Exists(path) ? await File.ReadAllLinesAsync(path) : [];
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static SinkProcess StartSink(int port, string directory)
    {
        var root = AppContext.BaseDirectory;
        var dir = new DirectoryInfo(root);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Maillage.slnx")))
        {
            dir = dir.Parent;
        }

        var script = Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Maillage.slnx not found"), "scripts", "smtp_sink.py");
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { script, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--dir", directory, "--count-only" })
        {
            start.ArgumentList.Add(a);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("python3 (with python3-aiosmtpd) is needed: apt-get install python3-aiosmtpd");
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, port);
                return new SinkProcess(process);
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }

        process.Kill();
        throw new InvalidOperationException("The SMTP server did not start (is python3-aiosmtpd installed?)");
    }

    private sealed class SinkProcess(Process process) : IDisposable
    {
        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit(5000);
            }

            process.Dispose();
        }
    }
}
