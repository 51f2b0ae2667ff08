namespace Maillage.Domain.Procurement;

/// <summary>A classification as published: the scheme ("CPV", "UNSPSC", …) and its code, CPV codes normalised to 8 digits.</summary>
public sealed record Classification(string Scheme, string Code, string? Description)
{
    public const string Cpv = "CPV";

    public bool IsCpv => Scheme == Cpv;

    /// <summary>"45233130.0", "45233162-2", "CPV 45233162" → "45233130", "45233162"; other schemes keep their code.</summary>
    public static Classification Normalise(string? scheme, string code, string? description)
    {
        var cleanScheme = string.IsNullOrWhiteSpace(scheme) ? "?" : scheme.Trim().ToUpperInvariant();
        var cleanCode = code.Trim();
        if (cleanScheme.StartsWith(Cpv, StringComparison.Ordinal))
        {
            var digits = new string(cleanCode.TakeWhile(c => c != '.' && c != '-').Where(char.IsAsciiDigit).ToArray());
            if (digits.Length is >= 2 and <= 8)
            {
                return new Classification(Cpv, digits.PadRight(8, '0'), description);
            }
        }

        return new Classification(cleanScheme, cleanCode, description);
    }
}

public sealed record NoticeLot(string Id, string? Title, string? Description, decimal? Value, string? Currency);

public sealed record NoticeItem(string Id, string? Description, Classification? Classification, IReadOnlyList<Classification> Additional, string? LotId, decimal? Quantity, string? Unit);

public sealed record NoticeDocument(string Id, string? Title, string? Url, string? Type);

/// <summary>One release of a contracting process as read from a file: every field is optional (absent = not stated by this release).</summary>
public sealed class OcdsRelease
{
    public required string Ocid { get; init; }

    public required string Id { get; init; }

    public required DateTime Date { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public string? Buyer { get; init; }

    public string? Title { get; init; }

    public string? Description { get; init; }

    public string? Status { get; init; }

    public string? Procedure { get; init; }

    public string? ProcedureDetails { get; init; }

    public string? MainCategory { get; init; }

    public decimal? Value { get; init; }

    public string? Currency { get; init; }

    public DateTime? TenderDeadline { get; init; }

    public DateTime? EnquiryDeadline { get; init; }

    public IReadOnlyList<NoticeLot>? Lots { get; init; }

    public IReadOnlyList<NoticeItem>? Items { get; init; }

    public IReadOnlyList<NoticeDocument>? Documents { get; init; }

    /// <summary>Swiss canton codes where the work is done or the buyer sits (as far as the release says).</summary>
    public IReadOnlyList<string>? Regions { get; init; }

    /// <summary>eForms reserved-procurement code ("res-ws", "res-pub-ser") when the release states one.</summary>
    public string? Reserved { get; init; }

    /// <summary>eForms social-objective codes the release states.</summary>
    public IReadOnlyList<string>? SocialObjectives { get; init; }

    /// <summary>What was odd but not fatal (an unreadable deadline, a value in text…).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>
/// A tender notice: the compiled view of every release of one contracting process (one <c>ocid</c>). Releases are
/// applied oldest first; a field a release states replaces the earlier value, lots, items and documents merge by
/// their id, so the newest release wins while what it does not repeat is kept. The release ids applied are kept
/// (history), and applying a release already applied changes nothing.
/// </summary>
public sealed class Notice
{
    public string Ocid { get; set; } = string.Empty;

    public string? Buyer { get; set; }

    public string Title { get; set; } = string.Empty;

    public string? Description { get; set; }

    public string? Status { get; set; }

    public string? Procedure { get; set; }

    public string? ProcedureDetails { get; set; }

    public string? MainCategory { get; set; }

    public decimal? Value { get; set; }

    public string? Currency { get; set; }

    public DateTime? TenderDeadline { get; set; }

    public DateTime? EnquiryDeadline { get; set; }

    public List<NoticeLot> Lots { get; set; } = [];

    public List<NoticeItem> Items { get; set; } = [];

    public List<NoticeDocument> Documents { get; set; } = [];

    public List<string> Regions { get; set; } = [];

    public string? Reserved { get; set; }

    public List<string> SocialObjectives { get; set; } = [];

    public string? LatestReleaseId { get; set; }

    public DateTime? LatestReleaseDate { get; set; }

    /// <summary>The releases applied, oldest first ("id@date").</summary>
    public List<NoticeHistoryEntry> History { get; set; } = [];

    /// <summary>Every CPV code of the notice (items' main and additional classifications), distinct.</summary>
    public IReadOnlyList<string> CpvCodes =>
        Items.SelectMany(i => (i.Classification is null ? i.Additional : i.Additional.Prepend(i.Classification)))
            .Where(c => c.IsCpv).Select(c => c.Code).Distinct(StringComparer.Ordinal).ToList();

    public bool HasRelease(string releaseId) => History.Any(h => h.ReleaseId == releaseId);

    /// <summary>Compiles releases of one ocid, whatever their order.</summary>
    public static Notice Compile(IEnumerable<OcdsRelease> releases)
    {
        var notice = new Notice();
        foreach (var release in releases.OrderBy(r => r.Date).ThenBy(r => r.Id, StringComparer.Ordinal))
        {
            notice.Apply(release);
        }

        return notice;
    }

    /// <summary>True when <paramref name="release"/> can be applied on top (it is not older than the latest applied).</summary>
    public bool IsNewest(OcdsRelease release)
    {
        ArgumentNullException.ThrowIfNull(release);
        return LatestReleaseDate is not { } latest || release.Date > latest || (release.Date == latest && string.CompareOrdinal(release.Id, LatestReleaseId) > 0);
    }

    /// <summary>Applies a release on top of the notice; the caller recompiles instead when the release is older (see <see cref="IsNewest"/>).</summary>
    public void Apply(OcdsRelease release)
    {
        ArgumentNullException.ThrowIfNull(release);
        if (HasRelease(release.Id))
        {
            return;
        }

        Ocid = release.Ocid;
        Buyer = release.Buyer ?? Buyer;
        Title = release.Title ?? (Title.Length == 0 ? release.Ocid : Title);
        Description = release.Description ?? Description;
        Status = release.Status ?? Status;
        Procedure = release.Procedure ?? Procedure;
        ProcedureDetails = release.ProcedureDetails ?? ProcedureDetails;
        MainCategory = release.MainCategory ?? MainCategory;
        if (release.Value is not null)
        {
            Value = release.Value;
            Currency = release.Currency ?? Currency;
        }

        TenderDeadline = release.TenderDeadline ?? TenderDeadline;
        EnquiryDeadline = release.EnquiryDeadline ?? EnquiryDeadline;
        Lots = MergeById(Lots, release.Lots, l => l.Id);
        Items = MergeById(Items, release.Items, i => i.Id);
        Documents = MergeById(Documents, release.Documents, d => d.Id);
        if (release.Regions is { Count: > 0 } regions)
        {
            Regions = regions.Distinct(StringComparer.Ordinal).ToList();
        }

        Reserved = release.Reserved ?? Reserved;
        if (release.SocialObjectives is { Count: > 0 } social)
        {
            SocialObjectives = social.Distinct(StringComparer.Ordinal).ToList();
        }

        History.Add(new NoticeHistoryEntry(release.Id, release.Date, string.Join(' ', release.Tags)));
        if (IsNewest(release))
        {
            LatestReleaseId = release.Id;
            LatestReleaseDate = release.Date;
        }
    }

    private static List<T> MergeById<T>(List<T> current, IReadOnlyList<T>? incoming, Func<T, string> id)
    {
        if (incoming is null)
        {
            return current;
        }

        var merged = new List<T>(current);
        foreach (var entry in incoming)
        {
            var at = merged.FindIndex(x => id(x) == id(entry));
            if (at >= 0)
            {
                merged[at] = entry;
            }
            else
            {
                merged.Add(entry);
            }
        }

        return merged;
    }
}

public sealed record NoticeHistoryEntry(string ReleaseId, DateTime Date, string Tags);
