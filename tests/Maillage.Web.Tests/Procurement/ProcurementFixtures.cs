using System.Net.Http.Headers;
using System.Text;
using Maillage.Domain.Offers;
using Maillage.Domain.Procurement;
using Maillage.Web.Features.Procurement;
using Maillage.Web.Tests.Clearing;
using Maillage.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebClient = Maillage.Web.Tests.Infrastructure.WebClient;

namespace Maillage.Web.Tests.Procurement;

/// <summary>Shared OCDS files (with a test's own ocid so tests never meet), uploads, notices and offers for procurement tests.</summary>
public static class ProcurementFixtures
{
    public const string SampleOcid = "ocds-213czf-000-00001";

    public static string SharedFolder { get; } = Path.Combine(RepositoryRoot.Find(), "..", "shared", "data", "procurement", "ocds");

    /// <summary>A shared file with its ocid replaced by <paramref name="ocid"/>.</summary>
    public static byte[] SharedFile(string file, string ocid) =>
        Encoding.UTF8.GetBytes(File.ReadAllText(Path.Combine(SharedFolder, file)).Replace(SampleOcid, ocid, StringComparison.Ordinal));

    public static string NewOcid() => $"ocds-test{Guid.NewGuid():N}"[..24];

    /// <summary>Uploads a file on the staff page as the browser does, waits for the background import and returns it.</summary>
    public static async Task<TenderImport> UploadAndWaitAsync(this MaillageApp app, WebClient staff, string chamber, string fileName, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(staff);
        var page = await staff.GetPageAsync($"/{chamber}/gestion/marches");
        using var body = new MultipartFormDataContent { { new StringContent(page.Token()), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        body.Add(file, "Upload", fileName);
        var response = await staff.Http.PostAsync(new Uri($"/{chamber}/gestion/marches?handler=Upload", UriKind.Relative), body);
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        var path = response.RequestMessage!.RequestUri!.AbsolutePath;
        path.ShouldStartWith($"/{chamber}/gestion/marches/import/");
        var id = Guid.Parse(path[(path.LastIndexOf('/') + 1)..]);
        return await app.WaitForImportAsync(id);
    }

    public static async Task<TenderImport> WaitForImportAsync(this MaillageApp app, Guid id)
    {
        ArgumentNullException.ThrowIfNull(app);
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var import = await app.WithDbAsync(db => db.Set<TenderImport>().AsNoTracking().SingleAsync(i => i.Id == id));
            if (import.State is TenderImportState.Completed or TenderImportState.Failed)
            {
                return import;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Import {id} did not finish");
    }

    public static Task<List<TenderImportLine>> LinesAsync(this MaillageApp app, Guid importId) =>
        app.WithDbAsync(db => db.Set<TenderImportLine>().AsNoTracking().Where(l => l.ImportId == importId).OrderBy(l => l.Position).ThenBy(l => l.ByteOffset).ToListAsync());

    public static Task<TenderNotice> NoticeAsync(this MaillageApp app, string chamber, string ocid) =>
        app.WithDbAsync(async db =>
        {
            var chamberId = await db.Chambers.Where(c => c.Slug == chamber).Select(c => c.Id).SingleAsync();
            return await db.Set<TenderNotice>().AsNoTracking().SingleAsync(n => n.ChamberId == chamberId && n.Ocid == ocid);
        });

    /// <summary>A notice with lots (meals, cleaning, IT, transport), straight through the importer as a hand-made release.</summary>
    public static async Task<TenderNotice> SchoolServicesNoticeAsync(this MaillageApp app, string chamber = "ge", string canton = "GE", DateTime? deadline = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var chamberId = await app.ChamberIdAsync(chamber);
        var ocid = NewOcid();
        var release = new OcdsRelease
        {
            Ocid = ocid,
            Id = ocid + "-tender",
            Date = DateTime.UtcNow,
            Tags = ["tender"],
            Buyer = "Ville de Carouge",
            Title = title ?? "Services aux écoles primaires de Carouge",
            Description = "Repas de midi, nettoyage des locaux et maintenance informatique des écoles.",
            Value = 650_000m,
            Currency = "CHF",
            TenderDeadline = deadline ?? DateTime.UtcNow.AddDays(5),
            Lots = [new NoticeLot("1", "Repas de midi", null, 300_000m, "CHF"), new NoticeLot("2", "Nettoyage des locaux", null, 200_000m, "CHF"), new NoticeLot("3", "Transport d'élèves en autocar", null, 90_000m, "CHF")],
            Items =
            [
                new NoticeItem("a", "Repas livrés", new Classification("CPV", "55524000", "Services de traiteur pour écoles"), [], "1", null, null),
                new NoticeItem("b", "Nettoyage", new Classification("CPV", "90911200", "Services de nettoyage de bâtiments"), [], "2", null, null),
                new NoticeItem("c", "Autocars", new Classification("CPV", "60130000", "Transport spécial de passagers"), [], "3", null, null),
            ],
            Regions = [canton],
        };
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<TenderImporter>().SaveManualAsync(chamberId, release, CancellationToken.None);
    }

    /// <summary>A published offer of a member.</summary>
    public static async Task OfferAsync(this MaillageApp app, TestMember member, string title, string category, string chamber = "ge", params string[] cantons)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(member);
        var chamberId = await app.ChamberIdAsync(chamber);
        var offer = new Offer(chamberId, member.Id, new OfferDetails { Title = title, Description = $"{title} pour les collectivités publiques, depuis 2015.", Category = category, DeliveryAreas = cantons }, DateTime.UtcNow);
        offer.Publish(DateTime.UtcNow);
        await app.WithDbAsync(async db =>
        {
            db.Set<Offer>().Add(offer);
            await db.SaveChangesAsync();
        });
    }
}
