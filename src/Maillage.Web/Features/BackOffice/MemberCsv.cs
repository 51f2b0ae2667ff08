using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Maillage.Domain.Common;
using Maillage.Domain.Organisations;
using Maillage.Web.Data;
using Maillage.Web.Features.Shared;
using Maillage.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Maillage.Web.Features.BackOffice;

/// <summary>One row of an import as staff see it in the preview.</summary>
/// <param name="Line">Line number in the file (the header is line 1).</param>
public sealed record ImportRow(int Line, string Name, string Town, IReadOnlyList<string> Problems, OrganisationProfile? Profile, MembershipType MembershipType, DateOnly? MemberSince)
{
    public bool IsValid => Problems.Count == 0;
}

public sealed record ImportPreview(IReadOnlyList<ImportRow> Rows, IReadOnlyList<string> FileProblems)
{
    public int ValidCount => Rows.Count(r => r.IsValid);

    public int SkippedCount => Rows.Count(r => !r.IsValid);
}

/// <summary>
/// CSV import and export of a chamber's members. The same columns go both ways, so an export can be edited and
/// imported again. Import is two steps: a preview that says, row by row, what would be skipped and why; then the
/// valid rows are written in one transaction.
/// </summary>
public sealed class MemberCsv(MaillageDbContext db, IStringLocalizer<SharedResource> l, TimeProvider clock, AuditLog audit)
{
    public const int MaxRows = 5000;
    public const long MaxBytes = 2 * 1024 * 1024;

    public static readonly string[] Columns =
    [
        "nom", "forme_juridique", "statut", "type_adhesion", "ide", "noga", "secteurs_ess", "rue", "npa", "localite", "canton",
        "latitude", "longitude", "description_courte", "description", "site_web", "courriel", "telephone", "annee_fondation", "employes", "membre_depuis",
    ];

    /// <summary>First characters that make a spreadsheet read a cell as a formula.</summary>
    private const string FormulaStarts = "=+-@";

    private static readonly string[] RequiredColumns = ["nom", "forme_juridique", "statut", "noga", "secteurs_ess", "rue", "npa", "localite", "canton", "description_courte"];

    private static readonly Dictionary<string, LegalForm> LegalFormAliases = new(StringComparer.Ordinal)
    {
        ["association"] = LegalForm.Association,
        ["cooperative"] = LegalForm.Cooperative,
        ["societe cooperative"] = LegalForm.Cooperative,
        ["foundation"] = LegalForm.Foundation,
        ["fondation"] = LegalForm.Foundation,
        ["limitedliabilitycompany"] = LegalForm.LimitedLiabilityCompany,
        ["sarl"] = LegalForm.LimitedLiabilityCompany,
        ["societe a responsabilite limitee"] = LegalForm.LimitedLiabilityCompany,
        ["publiclimitedcompany"] = LegalForm.PublicLimitedCompany,
        ["sa"] = LegalForm.PublicLimitedCompany,
        ["societe anonyme"] = LegalForm.PublicLimitedCompany,
        ["soleproprietorship"] = LegalForm.SoleProprietorship,
        ["entreprise individuelle"] = LegalForm.SoleProprietorship,
        ["raison individuelle"] = LegalForm.SoleProprietorship,
        ["other"] = LegalForm.Other,
        ["autre"] = LegalForm.Other,
    };

    private static readonly Dictionary<string, OrganisationStatus> StatusAliases = new(StringComparer.Ordinal)
    {
        ["nonprofit"] = OrganisationStatus.NonProfit,
        ["abnl"] = OrganisationStatus.NonProfit,
        ["but non lucratif"] = OrganisationStatus.NonProfit,
        ["limitedprofit"] = OrganisationStatus.LimitedProfit,
        ["lucrativite limitee"] = OrganisationStatus.LimitedProfit,
        ["but lucratif limite"] = OrganisationStatus.LimitedProfit,
    };

    private static readonly Dictionary<string, MembershipType> MembershipAliases = new(StringComparer.Ordinal)
    {
        [string.Empty] = MembershipType.Collective,
        ["collective"] = MembershipType.Collective,
        ["collectif"] = MembershipType.Collective,
        ["individual"] = MembershipType.Individual,
        ["individuel"] = MembershipType.Individual,
        ["individuelle"] = MembershipType.Individual,
    };

    public async Task<ImportPreview> PreviewAsync(Guid chamberId, string content, CancellationToken cancellationToken)
    {
        var rows = new List<ImportRow>();
        var fileProblems = new List<string>();
        var existing = await db.Organisations.AsNoTracking().Where(o => o.ChamberId == chamberId).Select(o => o.Profile).ToListAsync(cancellationToken);
        var accepted = new List<OrganisationProfile>();

        var year = clock.GetUtcNow().Year;
        fileProblems.AddRange(await CsvTable.ReadAsync(content, RequiredColumns, MaxRows, l, (line, get) =>
        {
            rows.Add(ParseRow(line, column => Restore(get(column)), year, existing, accepted));
            return Task.CompletedTask;
        }));
        return new ImportPreview(rows, fileProblems);
    }

    private ImportRow ParseRow(int line, Func<string, string> get, int year, List<OrganisationProfile> existing, List<OrganisationProfile> accepted)
    {
        var problems = new List<string>();
        void Problem(string column, string message) => problems.Add($"{column} : {message}");

        var legalForm = Parse(get("forme_juridique"), LegalFormAliases, "forme_juridique", Problem);
        var status = Parse(get("statut"), StatusAliases, "statut", Problem);
        var membership = Parse(get("type_adhesion"), MembershipAliases, "type_adhesion", Problem);
        var errors = new ValidationErrors();
        var form = new ProfileForm
        {
            Name = get("nom"),
            LegalForm = legalForm,
            Status = status,
            Uid = get("ide"),
            NogaSection = get("noga"),
            EssSectors = get("secteurs_ess").Split(['|', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToLowerInvariant()).ToList(),
            Street = get("rue"),
            PostalCode = get("npa"),
            Town = get("localite"),
            Canton = get("canton"),
            Latitude = get("latitude"),
            Longitude = get("longitude"),
            ShortDescription = get("description_courte"),
            Description = get("description"),
            Website = get("site_web"),
            Email = get("courriel"),
            Phone = get("telephone"),
            FoundedYear = ParseInt(get("annee_fondation"), "annee_fondation", Problem),
            Employees = ParseInt(get("employes"), "employes", Problem),
        };
        DateOnly? memberSince = null;
        var since = get("membre_depuis");
        if (!string.IsNullOrWhiteSpace(since))
        {
            if (DateOnly.TryParseExact(since, ["yyyy-MM-dd", "dd.MM.yyyy", "d.M.yyyy", "dd/MM/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                memberSince = date;
            }
            else
            {
                Problem("membre_depuis", l["Validation.InvalidDate"]);
            }
        }

        var (profile, profileErrors) = form.ToProfile(year);
        errors.AddRange(profileErrors);
        foreach (var error in errors.Items)
        {
            Problem(ColumnOf(error.Field), l.Message(error));
        }

        if (problems.Count == 0)
        {
            if (existing.FirstOrDefault(e => MemberRegistry.IsSameOrganisation(e, profile)) is { } duplicate)
            {
                problems.Add(l["Import.DuplicateExisting", duplicate.Name, duplicate.Town]);
            }
            else if (accepted.Any(e => MemberRegistry.IsSameOrganisation(e, profile)))
            {
                problems.Add(l["Validation.DuplicateInFile"]);
            }
            else
            {
                accepted.Add(profile);
            }
        }

        return new ImportRow(line, form.Name ?? string.Empty, form.Town ?? string.Empty, problems, problems.Count == 0 ? profile : null, membership, memberSince);
    }

    /// <summary>
    /// Writes every valid row of the preview, or none of them. The pending import is claimed in the same
    /// transaction, so a double click (or two staff at once) imports the file once; null when it was already done.
    /// </summary>
    public async Task<int?> ImportAsync(Guid chamberId, Guid importId, ImportPreview preview, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(preview);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.MemberImports
            .Where(i => i.Id == importId && i.ChamberId == chamberId && i.ConfirmedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.ConfirmedAt, now).SetProperty(i => i.Content, string.Empty), cancellationToken);
        if (claimed == 0)
        {
            return null;
        }
        var slugs = (await db.Organisations.Where(o => o.ChamberId == chamberId).Select(o => o.Slug).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var count = 0;
        foreach (var row in preview.Rows.Where(r => r.IsValid))
        {
            var slug = TextNormalizer.Slug(row.Profile!.Name);
            for (var i = 2; slugs.Contains(slug); i++)
            {
                slug = $"{TextNormalizer.Slug(row.Profile.Name)}-{i}";
            }

            slugs.Add(slug);
            var organisation = new Organisation(chamberId, slug, row.Profile, row.MembershipType, row.MemberSince ?? Maillage.Domain.ChamberDays.Of(now), now);
            db.Organisations.Add(organisation);
            count++;
        }

        audit.Record(chamberId, "members.imported", nameof(Organisation), importId, count.ToString(CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(cancellationToken);
        await db.MemberImports.Where(i => i.Id == importId).ExecuteUpdateAsync(s => s.SetProperty(i => i.ImportedCount, count), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return count;
    }

    public async Task<byte[]> ExportAsync(Guid chamberId, CancellationToken cancellationToken)
    {
        var organisations = await db.Organisations.AsNoTracking().Where(o => o.ChamberId == chamberId).OrderBy(o => o.NormalizedName).ToListAsync(cancellationToken);
        var builder = new StringBuilder();
        await using (var writer = new StringWriter(builder, CultureInfo.InvariantCulture))
        await using (var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = ";" }))
        {
            foreach (var column in Columns)
            {
                csv.WriteField(column);
            }

            await csv.NextRecordAsync();
            foreach (var o in organisations)
            {
                var p = o.Profile;
                string?[] values =
                [
                    p.Name, p.LegalForm.ToString(), p.Status.ToString(), o.MembershipType.ToString(), p.Uid, p.NogaSection, string.Join('|', p.EssSectors),
                    p.Street, p.PostalCode, p.Town, p.Canton, p.Latitude?.ToString(CultureInfo.InvariantCulture), p.Longitude?.ToString(CultureInfo.InvariantCulture),
                    p.ShortDescription, p.Description, p.Website, p.Email, p.Phone, p.FoundedYear?.ToString(CultureInfo.InvariantCulture),
                    p.Employees?.ToString(CultureInfo.InvariantCulture), o.MemberSince.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ];
                foreach (var value in values)
                {
                    // A leading =, +, - or @ would run as a formula in a spreadsheet: neutralise it.
                    csv.WriteField(value is { Length: > 0 } && FormulaStarts.Contains(value[0], StringComparison.Ordinal) ? "'" + value : value);
                }

                await csv.NextRecordAsync();
            }
        }

        audit.Record(chamberId, "members.exported", nameof(Organisation), null, organisations.Count.ToString(CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(cancellationToken);

        // With a byte-order mark so that spreadsheet programs read the accents right.
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(builder.ToString())];
    }

    /// <summary>
    /// Undoes the export's formula neutralisation ('=…, '+…, '-…, '@…), so that an exported file imports as it was
    /// (a phone number "+41 …" is exported as "'+41 …").
    /// </summary>
    private static string Restore(string value) =>
        value.Length > 1 && value[0] == '\'' && FormulaStarts.Contains(value[1], StringComparison.Ordinal) ? value[1..] : value;

    private T Parse<T>(string value, Dictionary<string, T> aliases, string column, Action<string, string> problem)
        where T : struct, Enum
    {
        var key = TextNormalizer.Fold(value);
        if (aliases.TryGetValue(key, out var parsed) || aliases.TryGetValue(key.Replace(" ", string.Empty, StringComparison.Ordinal), out parsed))
        {
            return parsed;
        }

        problem(column, string.IsNullOrWhiteSpace(value) ? l["Validation.Required"] : l["Import.UnknownValue", value]);

        // Any defined value: the row is skipped anyway, and this keeps the profile check from repeating the problem.
        return aliases.Values.First();
    }

    private int? ParseInt(string value, string column, Action<string, string> problem)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (int.TryParse(value.Replace("'", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        problem(column, l["Validation.NotANumber"]);
        return null;
    }

    private static string ColumnOf(string field) => field switch
    {
        nameof(ProfileForm.Name) => "nom",
        nameof(ProfileForm.LegalForm) => "forme_juridique",
        nameof(ProfileForm.Status) => "statut",
        nameof(ProfileForm.Uid) => "ide",
        nameof(ProfileForm.NogaSection) => "noga",
        nameof(ProfileForm.EssSectors) => "secteurs_ess",
        nameof(ProfileForm.Street) => "rue",
        nameof(ProfileForm.PostalCode) => "npa",
        nameof(ProfileForm.Town) => "localite",
        nameof(ProfileForm.Canton) => "canton",
        nameof(ProfileForm.Latitude) => "latitude",
        nameof(ProfileForm.Longitude) => "longitude",
        nameof(ProfileForm.ShortDescription) => "description_courte",
        nameof(ProfileForm.Description) => "description",
        nameof(ProfileForm.Website) => "site_web",
        nameof(ProfileForm.Email) => "courriel",
        nameof(ProfileForm.Phone) => "telephone",
        nameof(ProfileForm.FoundedYear) => "annee_fondation",
        nameof(ProfileForm.Employees) => "employes",
        _ => field,
    };
}
