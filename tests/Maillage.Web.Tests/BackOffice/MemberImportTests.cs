using System.Globalization;
using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using CsvHelper;
using CsvHelper.Configuration;
using Maillage.Domain.Organisations;
using Maillage.Web.Features.BackOffice;
using Maillage.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using WebClient = Maillage.Web.Tests.Infrastructure.WebClient;

namespace Maillage.Web.Tests.BackOffice;

/// <summary>
/// Staff import members from a CSV file: a preview first (row by row, what is skipped and why), then the valid rows
/// in one go, once. The export has the same columns, so it imports again.
/// </summary>
public abstract class MemberImportTests(MaillageApp app)
{
    private const string ImportUrl = "/ge/gestion/membres/import";

    [Fact]
    public async Task The_preview_lists_each_skipped_row_with_its_line_and_reason_and_imports_nothing_yet()
    {
        var tag = NewTag();
        using var staff = await SignedInAsync(DemoAccounts.GenevaStaff);
        var before = await CountAsync("ge");
        var csv = Csv(";",
        [
            Row($"Atelier Étoile {tag}"),                                              // line 2: valid
            Row($"Uid faux {tag}", ("ide", "CHE-111.111.111")),                        // line 3: bad check digit
            Row($"Forme inconnue {tag}", ("forme_juridique", "Trust familial")),       // line 4
            Row($"Sans localité {tag}", ("localite", string.Empty)),                   // line 5: required value missing
            Row("Cargo-Léman Coursiers"),                                              // line 6: already a member (name and town)
            Row($"Deuxième atelier {tag}", ("localite", "Carouge")),                   // line 7: valid
            Row($"Atelier Étoile {tag}", ("rue", "Autre rue 3")),                      // line 8: same as line 2
        ]);

        var preview = await UploadAsync(staff, ImportUrl, csv);

        var skipped = SkippedRows(preview);
        skipped.Keys.ShouldBe([3, 4, 5, 6, 8], ignoreOrder: false);
        skipped[3].ShouldContain("ide : Numéro IDE invalide");
        skipped[4].ShouldContain("forme_juridique : valeur inconnue « Trust familial »");
        skipped[5].ShouldContain("localite : Ce champ est obligatoire.");
        skipped[6].ShouldContain("Doublon : « Cargo-Léman Coursiers » (Genève) est déjà membre.");
        skipped[8].ShouldContain("Doublon : la même organisation figure plus haut dans le fichier.");
        ValidLines(preview).ShouldBe([2, 7]);
        preview.QuerySelector("#import-summary")!.TextContent.ShouldBe("2 ligne(s) prête(s) à importer, 5 ligne(s) ignorée(s).");
        (await CountAsync("ge")).ShouldBe(before, "a preview imports nothing");
    }

    [Fact]
    public async Task Confirming_imports_exactly_the_valid_rows_in_one_go_and_a_second_confirmation_imports_nothing_more()
    {
        var tag = NewTag();
        using var staff = await SignedInAsync(DemoAccounts.GenevaStaff);
        var before = await CountAsync("ge");
        var preview = await UploadAsync(staff, ImportUrl, Csv(";",
        [
            Row($"Coopérative Alpha {tag}"),
            Row($"Coopérative Bêta {tag}", ("npa", "12")),
            Row($"Coopérative Gamma {tag}", ("localite", "Lancy"), ("type_adhesion", "Individuel"), ("membre_depuis", "01.03.2024")),
        ]));

        var members = await staff.SubmitAsync(preview, "form[action*='handler=Confirm']", []);

        members.QuerySelector(".flash")!.TextContent.ShouldBe("2 membre(s) importé(s), 1 ligne(s) ignorée(s).");
        (await CountAsync("ge")).ShouldBe(before + 2);
        var names = await NamesAsync("ge");
        names.ShouldContain($"Coopérative Alpha {tag}");
        names.ShouldContain($"Coopérative Gamma {tag}");
        names.ShouldNotContain($"Coopérative Bêta {tag}");
        var gamma = await app.WithDbAsync(db => db.Organisations.AsNoTracking().SingleAsync(o => o.NormalizedName == $"cooperative gamma {tag}"));
        gamma.MembershipType.ShouldBe(MembershipType.Individual);
        gamma.MemberSince.ShouldBe(new DateOnly(2024, 3, 1));

        // The same preview confirmed again (a double click, a second tab): nothing more.
        var again = await staff.SubmitAsync(preview, "form[action*='handler=Confirm']", []);
        again.QuerySelector(".flash")!.TextContent.ShouldBe("Cet import a déjà été effectué.");
        (await CountAsync("ge")).ShouldBe(before + 2);
    }

    [Fact]
    public async Task A_file_missing_required_columns_imports_nothing_and_names_the_missing_columns()
    {
        var tag = NewTag();
        using var staff = await SignedInAsync(DemoAccounts.GenevaStaff);
        var before = await CountAsync("ge");
        var csv = Encoding.UTF8.GetBytes($"nom;localite;canton\nAtelier sans colonnes {tag};Genève;GE\n");

        var upload = await staff.UploadAsync(ImportUrl, "Upload", "colonnes.csv", csv);

        upload.Page.QuerySelector(".notice.warning")!.TextContent.ShouldBe(
            "Colonnes obligatoires absentes : forme_juridique, statut, noga, secteurs_ess, rue, npa, description_courte. Aucune ligne ne peut être importée.");
        upload.Page.QuerySelector("form[action*='handler=Confirm']").ShouldBeNull();

        // Even a confirmation forced past the missing button imports nothing.
        await staff.PostAsync(upload.Path + "?handler=Confirm", [new("__RequestVerificationToken", upload.Page.Token())]);
        (await CountAsync("ge")).ShouldBe(before);
    }

    [Theory]
    [InlineData(";", "utf-8")]
    [InlineData(",", "utf-8-bom")]
    [InlineData(";", "latin1")]
    public async Task Semicolon_and_comma_files_both_import_and_accents_survive(string delimiter, string encoding)
    {
        var tag = NewTag();
        var name = $"Épicerie du Château à Genève {tag}";
        var description = "Fruits, légumes et café équitable ; déjà dix ans d'élan à Plainpalais.";
        using var staff = await SignedInAsync(DemoAccounts.GenevaStaff);
        var text = Csv(delimiter, [Row(name, ("localite", "Genève"), ("rue", "Boulevard Carl-Vogt 6"), ("description_courte", description))]);
        byte[] bytes = encoding switch
        {
            "utf-8-bom" => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)],
            "latin1" => Encoding.Latin1.GetBytes(text),
            _ => Encoding.UTF8.GetBytes(text),
        };

        var upload = await staff.UploadAsync(ImportUrl, "Upload", "épicerie.csv", bytes);
        SkippedRows(upload.Page).ShouldBeEmpty();
        upload.Page.QuerySelector("#valid-rows tbody th")!.TextContent.ShouldBe(name);
        await staff.SubmitAsync(upload.Page, "form[action*='handler=Confirm']", []);

        var saved = await app.WithDbAsync(db => db.Organisations.AsNoTracking().SingleAsync(o => o.NormalizedName == Domain.Common.TextNormalizer.Fold(name)));
        saved.Profile.Name.ShouldBe(name);
        saved.Profile.Town.ShouldBe("Genève");
        saved.Profile.ShortDescription.ShouldBe(description);
        var profile = await staff.GetPageAsync($"/ge/membres/{saved.Slug}");
        profile.QuerySelector("h1")!.TextContent.ShouldBe(name);
    }

    [Fact]
    public async Task The_export_is_UTF8_with_a_byte_order_mark_and_imports_into_the_other_chamber_with_every_row_valid()
    {
        using var geneva = await SignedInAsync(DemoAccounts.GenevaStaff);
        var response = await geneva.Http.GetAsync(new Uri("/ge/gestion/membres?handler=Export", UriKind.Relative));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes[..3].ShouldBe(Encoding.UTF8.GetPreamble());
        var records = ReadCsv(bytes);
        var genevaCount = await CountAsync("ge");
        records.Count.ShouldBe(genevaCount);
        records.Select(r => r["nom"]).ShouldContain("Coopérative Rayons du Rhône");

        using var vaud = await SignedInAsync(DemoAccounts.VaudStaff);
        var vaudBefore = await CountAsync("vd");
        var upload = await vaud.UploadAsync("/vd/gestion/membres/import", "Upload", "membres-ge.csv", bytes);

        SkippedRows(upload.Page).ShouldBeEmpty("every exported row is valid again");
        upload.Page.QuerySelector("#import-summary")!.TextContent.ShouldBe($"{genevaCount} ligne(s) prête(s) à importer, 0 ligne(s) ignorée(s).");
        await vaud.SubmitAsync(upload.Page, "form[action*='handler=Confirm']", []);
        (await CountAsync("vd")).ShouldBe(vaudBefore + genevaCount);
        var rayons = await app.WithDbAsync(async db =>
        {
            var vd = await db.Chambers.SingleAsync(c => c.Slug == "vd");
            return await db.Organisations.AsNoTracking().SingleAsync(o => o.ChamberId == vd.Id && o.NormalizedName == "cooperative rayons du rhone");
        });
        rayons.Profile.Phone.ShouldBe("+41 22 328 86 89", "the phone came back as it was, not with the export's protective quote");
    }

    [Fact]
    public async Task A_value_starting_with_an_equals_sign_is_neutralised_in_the_export()
    {
        var tag = NewTag();
        var name = $"Atelier Formule {tag}";
        var formula = $"=HYPERLINK(\"https://evil.example\";\"clic\") {tag}";
        using var staff = await SignedInAsync(DemoAccounts.GenevaStaff);
        var upload = await UploadAsync(staff, ImportUrl, Csv(";", [Row(name, ("description_courte", formula))]));
        await staff.SubmitAsync(upload, "form[action*='handler=Confirm']", []);

        var response = await staff.Http.GetAsync(new Uri("/ge/gestion/membres?handler=Export", UriKind.Relative));
        var records = ReadCsv(await response.Content.ReadAsByteArrayAsync());

        var row = records.Single(r => r["nom"] == name);
        row["description_courte"].ShouldBe("'" + formula);
        records.SelectMany(r => r.Values).Where(v => v.Length > 0 && "=+-@".Contains(v[0], StringComparison.Ordinal)).ShouldBeEmpty(
            "no exported cell may start a spreadsheet formula");
    }

    private static string NewTag() => Guid.NewGuid().ToString("N")[..8];

    private async Task<WebClient> SignedInAsync(string email)
    {
        var client = new WebClient(app);
        await client.SignInAsync(email);
        return client;
    }

    private static async Task<IHtmlDocument> UploadAsync(WebClient client, string url, string csv)
    {
        var upload = await client.UploadAsync(url, "Upload", "membres.csv", Encoding.UTF8.GetBytes(csv));
        upload.Path.ShouldStartWith(url + "/", Case.Sensitive, "the upload leads to its preview");
        return upload.Page;
    }

    private Task<int> CountAsync(string chamber) =>
        app.WithDbAsync(async db =>
        {
            var id = await db.Chambers.Where(c => c.Slug == chamber).Select(c => c.Id).SingleAsync();
            return await db.Organisations.CountAsync(o => o.ChamberId == id);
        });

    private Task<List<string>> NamesAsync(string chamber) =>
        app.WithDbAsync(async db =>
        {
            var id = await db.Chambers.Where(c => c.Slug == chamber).Select(c => c.Id).SingleAsync();
            return (await db.Organisations.AsNoTracking().Where(o => o.ChamberId == id).ToListAsync()).Select(o => o.Profile.Name).ToList();
        });

    /// <summary>Skipped rows of a preview: line number → reasons.</summary>
    private static Dictionary<int, string> SkippedRows(IHtmlDocument preview) =>
        preview.QuerySelectorAll("#skipped-rows tbody tr").ToDictionary(
            tr => int.Parse(tr.QuerySelector("td")!.TextContent, CultureInfo.InvariantCulture),
            tr => string.Join(" | ", tr.QuerySelectorAll("li").Select(li => li.TextContent.Trim())));

    private static List<int> ValidLines(IHtmlDocument preview) =>
        preview.QuerySelectorAll("#valid-rows tbody tr").Select(tr => int.Parse(tr.QuerySelector("td")!.TextContent, CultureInfo.InvariantCulture)).ToList();

    /// <summary>A valid Geneva member row; <paramref name="changes"/> replace columns.</summary>
    private static Dictionary<string, string> Row(string name, params (string Column, string Value)[] changes)
    {
        var row = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["nom"] = name,
            ["forme_juridique"] = "Association",
            ["statut"] = "ABNL",
            ["type_adhesion"] = "Collective",
            ["ide"] = string.Empty,
            ["noga"] = "S",
            ["secteurs_ess"] = "insertion|recyclage",
            ["rue"] = "Rue de l'École-de-Médecine 12",
            ["npa"] = "1205",
            ["localite"] = "Genève",
            ["canton"] = "GE",
            ["latitude"] = "46.1983",
            ["longitude"] = "6.1423",
            ["description_courte"] = "Atelier de quartier où l'on répare et réemploie ensemble.",
            ["description"] = string.Empty,
            ["site_web"] = "www.atelier.example",
            ["courriel"] = "contact@atelier.example",
            ["telephone"] = "+41 22 300 10 20",
            ["annee_fondation"] = "2015",
            ["employes"] = "4",
            ["membre_depuis"] = "2023-09-01",
        };
        foreach (var (column, value) in changes)
        {
            row[column] = value;
        }

        return row;
    }

    private static string Csv(string delimiter, IEnumerable<Dictionary<string, string>> rows)
    {
        var builder = new StringBuilder();
        builder.Append(string.Join(delimiter, MemberCsv.Columns)).Append('\n');
        foreach (var row in rows)
        {
            builder.Append(string.Join(delimiter, MemberCsv.Columns.Select(c => Quote(row[c], delimiter)))).Append('\n');
        }

        return builder.ToString();
    }

    private static string Quote(string value, string delimiter) =>
        value.Contains(delimiter, StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal) || value.Contains('\n', StringComparison.Ordinal)
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;

    /// <summary>An export read back: one dictionary per row, by column name.</summary>
    private static List<Dictionary<string, string>> ReadCsv(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = ";" });
        csv.Read();
        csv.ReadHeader();
        csv.HeaderRecord.ShouldBe(MemberCsv.Columns);
        var records = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            records.Add(MemberCsv.Columns.ToDictionary(c => c, c => csv.GetField(c) ?? string.Empty, StringComparer.Ordinal));
        }

        return records;
    }
}

public sealed class MemberImportTestsOnSqlite(SqliteApp app) : MemberImportTests(app), IClassFixture<SqliteApp>;

public sealed class MemberImportTestsOnPostgreSQL(PostgresApp app) : MemberImportTests(app), IClassFixture<PostgresApp>;
