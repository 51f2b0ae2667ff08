using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Maillage.Domain.Common;
using Maillage.Domain.Procurement;
using Maillage.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Procurement;

/// <summary>
/// Imports an OCDS file into a chamber's notices, batch by batch as the file is read (one release in memory at a
/// time), writing progress on the import row after each batch. A release already applied to its notice is
/// "unchanged", so importing the same file again writes nothing but the report. Releases older than the notice's
/// newest are merged by recompiling the notice from its whole history.
/// </summary>
public sealed class TenderImporter(MaillageDbContext db, TimeProvider clock, ILogger<TenderImporter> logger)
{
    public const int BatchSize = 500;

    /// <summary>Rows kept in the report besides the skipped ones (always kept): enough to read, bounded for 100,000-release files.</summary>
    public const int MaxReportLines = 2000;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<TenderImport> RunAsync(Guid importId, Stream stream, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var import = await db.Set<TenderImport>().SingleAsync(i => i.Id == importId, ct);
        import.State = TenderImportState.Running;
        import.HeartbeatAt = clock.GetUtcNow().UtcDateTime;
        if (stream.CanSeek)
        {
            import.BytesTotal = stream.Length;
        }

        await db.SaveChangesAsync(ct);
        var source = import.Source;
        var chamberId = import.ChamberId;
        var state = new RunState();
        try
        {
            // The file is read and parsed on another thread while the previous batch is merged and written: on
            // two cores the import then takes about the time of its slower half rather than of both.
            var batches = Channel.CreateBounded<ReadBatch>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var producer = Task.Run(() => ReadBatchesAsync(stream, batches.Writer, stop.Token), CancellationToken.None);
            long bytesRead = 0;
            try
            {
                await foreach (var batch in batches.Reader.ReadAllAsync(ct))
                {
                    await ApplyBatchAsync(chamberId, importId, source, batch.Entries, state, ct);
                    bytesRead = batch.BytesRead;
                    await ReportProgressAsync(importId, bytesRead, state, ct);
                }
            }
            finally
            {
                await stop.CancelAsync();
                await producer;
            }

            db.ChangeTracker.Clear();
            import = await db.Set<TenderImport>().SingleAsync(i => i.Id == importId, ct);
            import.State = TenderImportState.Completed;
            import.BytesDone = Math.Max(import.BytesTotal, bytesRead);
            import.FinishedAt = clock.GetUtcNow().UtcDateTime;
            Copy(state, import);
            await db.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Tender import {ImportId} failed", importId);
            db.ChangeTracker.Clear();
            import = await db.Set<TenderImport>().SingleAsync(i => i.Id == importId, CancellationToken.None);
            import.State = TenderImportState.Failed;
            import.Failure = Limit(e.Message, 1000);
            import.FinishedAt = clock.GetUtcNow().UtcDateTime;
            Copy(state, import);
            await db.SaveChangesAsync(CancellationToken.None);
        }

        return import;
    }

    /// <summary>Reads the file into batches of entries; a reading failure completes the channel with it, so the import fails with its reason.</summary>
    private static async Task ReadBatchesAsync(Stream stream, ChannelWriter<ReadBatch> writer, CancellationToken ct)
    {
        try
        {
            var reader = new OcdsReader(stream);
            var batch = new List<OcdsEntry>(BatchSize);
            while (reader.Next() is { } entry)
            {
                batch.Add(entry);
                if (batch.Count == BatchSize)
                {
                    await writer.WriteAsync(new ReadBatch(batch, reader.BytesRead), ct);
                    batch = new List<OcdsEntry>(BatchSize);
                }
            }

            if (batch.Count > 0)
            {
                await writer.WriteAsync(new ReadBatch(batch, reader.BytesRead), ct);
            }

            writer.TryComplete();
        }
        catch (OperationCanceledException)
        {
            // The import stopped (it failed or was cancelled): nobody reads the rest.
            writer.TryComplete();
        }
        catch (Exception e)
        {
            // Whatever stopped the reading (a disk error, a bug) reaches the import, which fails with its reason.
            writer.TryComplete(e);
        }
    }

    /// <summary>Creates or updates one notice from a release typed by staff (notices published without OCDS, e.g. on simap.ch).</summary>
    public async Task<TenderNotice> SaveManualAsync(Guid chamberId, OcdsRelease release, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(release);
        var state = new RunState();
        await ApplyBatchAsync(chamberId, null, "manual", [new OcdsEntry(1, 0, release, null, release.Id)], state, ct);
        return await db.Set<TenderNotice>().AsNoTracking().SingleAsync(n => n.ChamberId == chamberId && n.Ocid == release.Ocid, ct);
    }

    /// <summary>
    /// Applies a batch of entries in one transaction (all or nothing): one query finds the notices the batch's ocids
    /// already have, new notices, releases and report lines go in with multi-row inserts (no change tracking), and
    /// only the existing notices a release changed are updated through EF.
    /// </summary>
    private async Task ApplyBatchAsync(Guid chamberId, Guid? importId, string source, List<OcdsEntry> batch, RunState state, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var ocids = batch.Where(e => e.Release is not null).Select(e => e.Release!.Ocid).Distinct(StringComparer.Ordinal).ToList();
        var existing = ocids.Count == 0 ? [] : await db.Set<TenderNotice>().AsNoTracking().Where(n => n.ChamberId == chamberId && ocids.Contains(n.Ocid)).ToListAsync(ct);
        var notices = existing.ToDictionary(n => n.Ocid, n => (Entity: n, Compiled: JsonSerializer.Deserialize<Notice>(n.Data, Json) ?? new Notice(), IsNew: false), StringComparer.Ordinal);
        var dirty = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Dictionary<Guid, List<OcdsRelease>>();
        var writes = new BatchWrites();
        foreach (var entry in batch)
        {
            state.Read++;
            if (entry.Release is not { } release)
            {
                state.Skipped++;
                AddLine(writes, importId, entry, null, TenderLineOutcome.Skipped, entry.SkipReason, state, force: true);
                continue;
            }

            if (!notices.TryGetValue(release.Ocid, out var notice))
            {
                var entity = new TenderNotice { ChamberId = chamberId, Ocid = release.Ocid, CreatedAt = now, Source = Limit(source, 600) };
                writes.NewNotices.Add(entity);
                notice = (entity, new Notice(), true);
                notices[release.Ocid] = notice;
            }

            if (notice.Compiled.HasRelease(release.Id))
            {
                state.Unchanged++;
                AddLine(writes, importId, entry, release.Ocid, TenderLineOutcome.Unchanged, null, state, force: false);
                continue;
            }

            if (notice.Compiled.IsNewest(release))
            {
                notice.Compiled.Apply(release);
            }
            else
            {
                List<string> history = notice.IsNew ? [] : await db.Set<TenderRelease>().AsNoTracking().Where(r => r.NoticeId == notice.Entity.Id).Select(r => r.Data).ToListAsync(ct);
                var all = history.Select(d => JsonSerializer.Deserialize<OcdsRelease>(d, Json)!)
                    .Concat(pending.TryGetValue(notice.Entity.Id, out var added) ? added : [])
                    .Append(release);
                var recompiled = Notice.Compile(all);
                notices[release.Ocid] = notice = (notice.Entity, recompiled, notice.IsNew);
            }

            if (!pending.TryGetValue(notice.Entity.Id, out var list))
            {
                pending[notice.Entity.Id] = list = [];
            }

            list.Add(release);
            writes.Releases.Add(new TenderRelease
            {
                NoticeId = notice.Entity.Id,
                ReleaseId = Limit(release.Id, 300),
                Date = release.Date,
                Tags = Limit(string.Join(' ', release.Tags), 300),
                ImportId = importId,
            });
            writes.Read.Add(release);
            var created = notice.IsNew && !dirty.Contains(release.Ocid);
            dirty.Add(release.Ocid);
            if (created)
            {
                state.Created++;
            }
            else
            {
                state.Updated++;
            }

            var warnings = release.Warnings.Count > 0 ? string.Join("; ", release.Warnings) : null;
            AddLine(writes, importId, entry, release.Ocid, created ? TenderLineOutcome.Created : TenderLineOutcome.Updated, warnings, state, force: warnings is not null);
        }

        // Serialising and folding are the costly part and each row is its own: both cores share them.
        var projected = dirty.Select(ocid => notices[ocid]).ToList();
        Parallel.For(0, writes.Releases.Count + projected.Count, new ParallelOptions { CancellationToken = ct }, i =>
        {
            if (i < writes.Releases.Count)
            {
                writes.Releases[i].Data = JsonSerializer.Serialize(writes.Read[i], Json);
            }
            else
            {
                var (entity, compiled, _) = projected[i - writes.Releases.Count];
                Project(entity, compiled, now);
            }
        });
        var changed = projected.Where(p => !p.IsNew).Select(p => p.Entity).ToList();

        if (writes.NewNotices.Count + writes.Releases.Count + writes.Lines.Count + changed.Count == 0)
        {
            return;
        }

        var owned = db.Database.CurrentTransaction is null;
        await using var transaction = owned ? await db.Database.BeginTransactionAsync(ct) : null;
        await TenderBulkWriter.InsertAsync(db, writes.NewNotices, ct);
        await TenderBulkWriter.InsertAsync(db, writes.Releases, ct);
        await TenderBulkWriter.InsertAsync(db, writes.Lines, ct);
        if (changed.Count > 0)
        {
            db.Set<TenderNotice>().UpdateRange(changed);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }
    }

    /// <summary>Copies the compiled notice into the columns lists and matching read.</summary>
    public static void Project(TenderNotice entity, Notice compiled, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(compiled);
        entity.Title = Limit(compiled.Title, 1000);
        entity.Buyer = LimitOrNull(compiled.Buyer, 500);
        entity.Status = LimitOrNull(compiled.Status, 60);
        entity.Procedure = LimitOrNull(compiled.Procedure, 100);
        entity.ValueMinor = compiled.Value is { } value && value < 1_000_000_000_000m ? (long)Math.Round(value * 100m) : null;
        entity.Currency = compiled.Value is null ? null : compiled.Currency;
        entity.TenderDeadline = compiled.TenderDeadline;
        entity.EnquiryDeadline = compiled.EnquiryDeadline;
        entity.Regions = Limit(List(compiled.Regions), 200);
        entity.CpvCodes = Limit(List(compiled.CpvCodes.Take(400)), 4000);
        if (!entity.MarkedByStaff)
        {
            entity.Reserved = compiled.Reserved is "none" ? null : LimitOrNull(compiled.Reserved, 20);
            entity.SocialObjectives = Limit(List(compiled.SocialObjectives), 200);
        }

        entity.MatchText = TextNormalizer.Fold(NoticeFacts.From(Guid.Empty, compiled, false, false).Text);
        entity.Data = JsonSerializer.Serialize(compiled, Json);
        entity.LatestReleaseDate = compiled.LatestReleaseDate;
        entity.UpdatedAt = now;
    }

    public static string List(IEnumerable<string> values) => "," + string.Join(',', values) + (values.Any() ? "," : string.Empty);

    private static void AddLine(BatchWrites writes, Guid? importId, OcdsEntry entry, string? ocid, TenderLineOutcome outcome, string? message, RunState state, bool force)
    {
        if (importId is null || (!force && state.Lines >= MaxReportLines))
        {
            return;
        }

        state.Lines++;
        writes.Lines.Add(new TenderImportLine
        {
            ImportId = importId.Value,
            Position = entry.Position,
            ByteOffset = entry.ByteOffset,
            Reference = LimitOrNull(entry.ReferenceId ?? entry.Release?.Id, 300),
            Ocid = LimitOrNull(ocid, 200),
            Outcome = outcome,
            Message = LimitOrNull(message, 1000),
        });
    }

    private async Task ReportProgressAsync(Guid importId, long bytes, RunState state, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Set<TenderImport>().Where(i => i.Id == importId).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.BytesDone, bytes).SetProperty(x => x.Read, state.Read).SetProperty(x => x.Created, state.Created)
            .SetProperty(x => x.Updated, state.Updated).SetProperty(x => x.Unchanged, state.Unchanged).SetProperty(x => x.Skipped, state.Skipped)
            .SetProperty(x => x.HeartbeatAt, now), ct);
    }

    private static void Copy(RunState state, TenderImport import)
    {
        import.Read = state.Read;
        import.Created = state.Created;
        import.Updated = state.Updated;
        import.Unchanged = state.Unchanged;
        import.Skipped = state.Skipped;
        import.HeartbeatAt = import.FinishedAt ?? import.HeartbeatAt;
    }

    private static string Limit(string text, int max) => text.Length <= max ? text : text[..max];

    private static string? LimitOrNull(string? text, int max) => text is null ? null : Limit(text, max);

    /// <summary>The rows one batch adds, written together at its end.</summary>
    private sealed class BatchWrites
    {
        public List<TenderNotice> NewNotices { get; } = [];

        public List<TenderRelease> Releases { get; } = [];

        /// <summary>The release each row of <see cref="Releases"/> stores.</summary>
        public List<OcdsRelease> Read { get; } = [];

        public List<TenderImportLine> Lines { get; } = [];
    }

    private sealed record ReadBatch(List<OcdsEntry> Entries, long BytesRead);

    private sealed class RunState
    {
        public int Read { get; set; }

        public int Created { get; set; }

        public int Updated { get; set; }

        public int Unchanged { get; set; }

        public int Skipped { get; set; }

        public int Lines { get; set; }

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Read} read");
    }
}
