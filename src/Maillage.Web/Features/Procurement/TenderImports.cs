using System.Threading.Channels;
using Maillage.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Procurement;

/// <summary>
/// Starts imports. An uploaded file is copied to a temporary file as it arrives (never held in memory) and queued
/// for this instance's import runner; the page then polls the import row for progress. Feeds are polled by
/// <see cref="ProcurementWorker"/>: whichever instance moves a feed's next poll time first downloads it.
/// </summary>
public sealed class TenderImports(MaillageDbContext db, TenderUploadBacklog queue, TimeProvider clock, IHttpClientFactory http, TenderImporter importer, ILogger<TenderImports> logger)
{
    public const long MaxUploadBytes = 200L * 1024 * 1024;

    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(10);

    public static string Folder => Path.Combine(Path.GetTempPath(), "maillage-tenders");

    public async Task<TenderImport> StartUploadAsync(Guid chamberId, string fileName, Stream content, string startedBy, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        var now = clock.GetUtcNow().UtcDateTime;
        var import = new TenderImport
        {
            ChamberId = chamberId,
            Kind = TenderImportKind.Upload,
            Source = Limit($"upload: {Path.GetFileName(fileName)}"),
            State = TenderImportState.Queued,
            StartedBy = Limit(startedBy, 170),
            CreatedAt = now,
            HeartbeatAt = now,
        };
        System.IO.Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, $"{import.Id:N}.json");
        await using (var file = File.Create(path))
        {
            await content.CopyToAsync(file, ct);
            import.BytesTotal = file.Length;
        }

        db.Set<TenderImport>().Add(import);
        await db.SaveChangesAsync(ct);
        await queue.Writer.WriteAsync(new QueuedImport(import.Id, path), ct);
        return import;
    }

    /// <summary>Polls the feeds whose time has come (each claimed by a conditional update, so one instance polls it).</summary>
    public async Task<int> PollDueFeedsAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Set<TenderFeed>().AsNoTracking().Where(f => f.NextPollAt != null && f.NextPollAt <= now && f.Url != string.Empty).ToListAsync(ct);
        var polled = 0;
        foreach (var feed in due)
        {
            var next = now.AddHours(Math.Max(1, feed.IntervalHours));
            var claimed = await db.Set<TenderFeed>()
                .Where(f => f.ChamberId == feed.ChamberId && f.NextPollAt == feed.NextPollAt)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.NextPollAt, next).SetProperty(x => x.LastPolledAt, now), ct);
            if (claimed == 1)
            {
                await PollAsync(feed.ChamberId, feed.Url, "schedule", ct);
                polled++;
            }
        }

        return polled;
    }

    /// <summary>Downloads a feed to a temporary file and imports it here (a failed download is a failed import with its reason).</summary>
    public async Task<TenderImport> PollAsync(Guid chamberId, string url, string startedBy, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var import = new TenderImport
        {
            ChamberId = chamberId,
            Kind = TenderImportKind.Feed,
            Source = Limit(url),
            State = TenderImportState.Running,
            StartedBy = Limit(startedBy, 170),
            CreatedAt = now,
            HeartbeatAt = now,
        };
        db.Set<TenderImport>().Add(import);
        await db.SaveChangesAsync(ct);
        await db.Set<TenderFeed>().Where(f => f.ChamberId == chamberId).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastImportId, import.Id), ct);
        System.IO.Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, $"{import.Id:N}.json");
        try
        {
            using var client = http.CreateClient(nameof(TenderImports));
            using var response = await client.GetAsync(new Uri(url), HttpCompletionOption.ResponseHeadersRead, ct);
            response.EnsureSuccessStatusCode();
            await using (var body = await response.Content.ReadAsStreamAsync(ct))
            await using (var file = File.Create(path))
            {
                await body.CopyToAsync(file, ct);
            }

            await using var stream = File.OpenRead(path);
            return await importer.RunAsync(import.Id, stream, ct);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or UriFormatException or IOException)
        {
            logger.LogWarning(e, "Tender feed of chamber {ChamberId} could not be downloaded", chamberId);
            db.ChangeTracker.Clear();
            await db.Set<TenderImport>().Where(i => i.Id == import.Id).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.State, TenderImportState.Failed).SetProperty(x => x.Failure, Limit(e.Message, 1000)).SetProperty(x => x.FinishedAt, now), CancellationToken.None);
            return await db.Set<TenderImport>().AsNoTracking().SingleAsync(i => i.Id == import.Id, CancellationToken.None);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Imports whose instance stopped mid-way (no heartbeat for <see cref="StaleAfter"/>) are marked failed.</summary>
    public Task<int> FailStaleAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var stale = now - StaleAfter;
        return db.Set<TenderImport>()
            .Where(i => (i.State == TenderImportState.Running || i.State == TenderImportState.Queued) && i.HeartbeatAt < stale)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.State, TenderImportState.Failed).SetProperty(x => x.Failure, "interrupted").SetProperty(x => x.FinishedAt, now), ct);
    }

    private static string Limit(string text, int max = 600) => text.Length <= max ? text : text[..max];
}

public sealed record QueuedImport(Guid ImportId, string Path);

/// <summary>This instance's uploaded files waiting to be imported, in order.</summary>
public sealed class TenderUploadBacklog
{
    private readonly Channel<QueuedImport> _channel = Channel.CreateUnbounded<QueuedImport>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelWriter<QueuedImport> Writer => _channel.Writer;

    public ChannelReader<QueuedImport> Reader => _channel.Reader;
}

/// <summary>Imports queued uploads one after the other, and deletes each file once imported.</summary>
public sealed class TenderImportRunner(TenderUploadBacklog queue, IServiceScopeFactory scopes, ILogger<TenderImportRunner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var queued in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await using var stream = new FileStream(queued.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
                await scope.ServiceProvider.GetRequiredService<TenderImporter>().RunAsync(queued.ImportId, stream, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Tender import {ImportId} could not run", queued.ImportId);
            }
            finally
            {
                File.Delete(queued.Path);
            }
        }
    }
}

/// <summary>Every minute: polls due feeds, sends due digests, marks interrupted imports. Safe with several instances.</summary>
public sealed class ProcurementWorker(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ProcurementWorker> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var imports = scope.ServiceProvider.GetRequiredService<TenderImports>();
                await imports.FailStaleAsync(stoppingToken);
                await imports.PollDueFeedsAsync(stoppingToken);
                await scope.ServiceProvider.GetRequiredService<TenderDigests>().SendDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The next tick tries again; a broken feed or database must not stop the host.
                logger.LogError(e, "Procurement background work failed");
            }
        }
    }
}
