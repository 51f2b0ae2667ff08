using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Maillage.Domain.Offers;
using Maillage.Domain.Tests.Offers;
using Maillage.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebClient = Maillage.Web.Tests.Infrastructure.WebClient;

namespace Maillage.Web.Tests.Labels;

/// <summary>Offer images: real JPEG, PNG and WebP accepted; anything else refused from its bytes, with nothing written.</summary>
public abstract class OfferImageTests(MaillageApp app)
{
    private async Task<(WebClient Member, string EditPage, Offer Offer)> MemberEditingAnOfferAsync()
    {
        var organisation = await app.OrganisationOfAsync(DemoAccounts.VaudMember);
        // A fresh published offer for each test, so that tests do not see each other's images.
        var offer = new Offer(organisation.ChamberId, organisation.Id, new OfferDetails
        {
            Kind = OfferKind.Good,
            Title = "Vélos cargo d'occasion " + Guid.NewGuid().ToString("N")[..5],
            Description = "Des vélos cargo révisés dans notre atelier, avec garantie d'une année.",
            Category = "recyclage/reparation",
            Audience = OfferAudience.Public,
            PriceKind = PriceKind.OnQuote,
        }, DateTime.UtcNow);
        offer.Publish(DateTime.UtcNow);
        await app.WithDbAsync(async db =>
        {
            db.Add(offer);
            await db.SaveChangesAsync();
        });
        var member = new WebClient(app);
        await member.SignInAsync(DemoAccounts.VaudMember);
        return (member, $"/vd/espace/{organisation.Slug}/offres/{offer.Id}", offer);
    }

    /// <summary>Posts the image form as a browser would, with a file name and content type that may lie.</summary>
    private static async Task<IHtmlDocument> UploadAsync(WebClient client, string editPage, byte[] bytes, string fileName, string contentType, string? alt = "Vélo cargo devant l'atelier")
    {
        var page = await client.GetPageAsync(editPage);
        using var body = new MultipartFormDataContent { { new StringContent(page.Token()), "__RequestVerificationToken" } };
        if (alt is not null)
        {
            body.Add(new StringContent(alt), "ImageAlt");
        }

        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        body.Add(file, "ImageFile", fileName);
        var response = await client.Http.PostAsync(new Uri(editPage + "?handler=AddImage", UriKind.Relative), body);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return Forms.Parse(await response.Content.ReadAsStringAsync());
    }

    private Task<List<OfferImage>> ImagesAsync(Guid offerId) =>
        app.WithDbAsync(db => db.Set<OfferImage>().AsNoTracking().Where(i => i.OfferId == offerId).OrderBy(i => i.Position).ToListAsync());

    [Fact]
    public async Task Real_jpeg_png_and_webp_files_are_accepted_served_with_their_type_and_shown()
    {
        var (member, edit, offer) = await MemberEditingAnOfferAsync();
        using (member)
        {
            // The name and the browser's type are ignored: what counts is what the bytes are.
            await UploadAsync(member, edit, TestImages.Jpeg(), "photo.png", "application/octet-stream");
            await UploadAsync(member, edit, TestImages.Png(4, 3), "atelier.png", "image/png");
            await UploadAsync(member, edit, TestImages.WebP(), "image", "text/plain");
            var images = await ImagesAsync(offer.Id);
            images.Select(i => (i.Format, i.Width, i.Height)).ShouldBe([(ImageFormat.Jpeg, 8, 8), (ImageFormat.Png, 4, 3), (ImageFormat.WebP, 1, 1)]);

            using var visitor = app.CreateClient();
            string[] types = ["image/jpeg", "image/png", "image/webp"];
            for (var i = 0; i < images.Count; i++)
            {
                var url = $"/vd/offres/{offer.Id}/images/{images[i].Id}";
                var response = await visitor.GetAsync(new Uri(url, UriKind.Relative));
                response.StatusCode.ShouldBe(HttpStatusCode.OK);
                response.Content.Headers.ContentType!.MediaType.ShouldBe(types[i]);
                response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
                response.Headers.CacheControl!.Public.ShouldBeTrue();
                response.Headers.CacheControl.NoCache.ShouldBeTrue("a hidden offer's pictures must not outlive it in caches");
                (await response.Content.ReadAsByteArrayAsync()).ShouldBe(images[i].Content);
                var etag = response.Headers.ETag!;
                using var again = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
                again.Headers.IfNoneMatch.Add(etag);
                (await visitor.SendAsync(again)).StatusCode.ShouldBe(HttpStatusCode.NotModified);
            }

            // The offer page shows them with their alt text, and its JSON-LD lists them; the search shows the first.
            using var browser = new WebClient(app);
            var page = await browser.GetPageAsync($"/vd/offres/{offer.Id}");
            page.QuerySelectorAll("#offer-images img").Select(img => img.GetAttribute("alt")).ShouldAllBe(alt => alt == "Vélo cargo devant l'atelier");
            using var ld = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent);
            ld.RootElement.GetProperty("image").EnumerateArray().Select(i => i.GetProperty("contentUrl").GetString()!).ShouldAllBe(u => u.Contains($"/vd/offres/{offer.Id}/images/", StringComparison.Ordinal));
            // The offer was written straight to the database: bring the index up to date rather than wait for its refresh.
            await app.Services.GetRequiredService<Maillage.Web.Features.Offers.OfferSearch>().RefreshAsync();
            var found = await visitor.GetFromJsonAsync<JsonElement>("/api/v1/search?pageSize=100&q=" + Uri.EscapeDataString(offer.Details.Title));
            found.GetProperty("items").EnumerateArray().First(h => h.GetProperty("id").GetGuid() == offer.Id).GetProperty("image").GetString()!.ShouldEndWith($"/images/{images[0].Id}");

            // Reorder and delete.
            await member.PostFormAsync($"{edit}?handler=MoveImage&imageId={images[2].Id}&delta=-1", [], tokenFrom: edit);
            (await ImagesAsync(offer.Id)).Select(i => i.Id).ShouldBe([images[0].Id, images[2].Id, images[1].Id]);
            await member.PostFormAsync($"{edit}?handler=DeleteImage&imageId={images[0].Id}", [], tokenFrom: edit);
            (await ImagesAsync(offer.Id)).Select(i => (i.Id, i.Position)).ShouldBe([(images[2].Id, 0), (images[1].Id, 1)]);
            (await visitor.GetAsync(new Uri($"/vd/offres/{offer.Id}/images/{images[0].Id}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }
    }

    public static TheoryData<string, string, string> Refusals => new()
    {
        { "text", "photo.jpg", "n'est pas une image JPEG, PNG ou WebP" },
        { "svg", "logo.svg", "n'est pas une image JPEG, PNG ou WebP" },
        { "gif", "anim.gif", "n'est pas une image JPEG, PNG ou WebP" },
        { "truncated", "coupee.png", "incomplet ou endommagé" },
        { "oversized", "enorme.png", "Fichier trop lourd : 2 Mo au plus." },
        { "bomb", "bombe.png", "Dimensions de l'image impossibles" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Fake_damaged_or_oversized_files_are_refused_next_to_the_field_and_nothing_is_written(string kind, string fileName, string message)
    {
        var png = TestImages.Png(20, 20);
        var bomb = TestImages.Png(1, 1);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bomb.AsSpan(16), 50_000);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bomb.AsSpan(20), 50_000);
        var bytes = kind switch
        {
            "text" => Encoding.UTF8.GetBytes("Ceci est un fichier texte renommé en .jpg"),
            "svg" => Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><script>alert(1)</script></svg>"),
            "gif" => [.. "GIF89a"u8, 1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0, 0x3B],
            "truncated" => png[..(png.Length - 20)],
            "oversized" => TestImages.Png(8, 8, fillerBytes: (2 * 1024 * 1024) + 1000),
            _ => bomb,
        };
        var (member, edit, offer) = await MemberEditingAnOfferAsync();
        using (member)
        {
            var before = await app.CountAsync<OfferImage>();
            var page = await UploadAsync(member, edit, bytes, fileName, "image/jpeg");
            page.FieldError("ImageFile")!.ShouldContain(message);
            page.QuerySelector("#ImageAlt")!.GetAttribute("value").ShouldBe("Vélo cargo devant l'atelier");
            page.FieldValue("Input.Title").ShouldBe(offer.Details.Title);
            (await app.CountAsync<OfferImage>()).ShouldBe(before);
        }
    }

    [Fact]
    public async Task Alt_text_is_required_and_strangers_cannot_add_images()
    {
        var (member, edit, offer) = await MemberEditingAnOfferAsync();
        using (member)
        {
            var before = await app.CountAsync<OfferImage>();
            var page = await UploadAsync(member, edit, TestImages.Png(2, 2), "a.png", "image/png", alt: " ");
            page.FieldError("ImageAlt").ShouldBe("Ce champ est obligatoire.");
            (await app.CountAsync<OfferImage>()).ShouldBe(before);
        }

        using var stranger = new WebClient(app);
        await stranger.SignInAsync(DemoAccounts.GenevaMember);
        using var body = new MultipartFormDataContent { { new StringContent((await stranger.GetPageAsync("/ge")).Token()), "__RequestVerificationToken" }, { new StringContent("Une image"), "ImageAlt" }, { new ByteArrayContent(TestImages.Png(2, 2)), "ImageFile", "a.png" } };
        (await stranger.Http.PostAsync(new Uri(edit + "?handler=AddImage", UriKind.Relative), body)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_draft_or_hidden_offers_images_and_another_chambers_address_are_not_served_publicly()
    {
        var (member, edit, offer) = await MemberEditingAnOfferAsync();
        using (member)
        {
            await UploadAsync(member, edit, TestImages.Png(3, 3), "a.png", "image/png", alt: "Panier de légumes");
            var image = (await ImagesAsync(offer.Id)).Last();
            var url = $"/vd/offres/{offer.Id}/images/{image.Id}";
            using var visitor = app.CreateClient();
            (await visitor.GetAsync(new Uri($"/ge/offres/{offer.Id}/images/{image.Id}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await visitor.GetAsync(new Uri(url, UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);

            var list = edit[..edit.LastIndexOf('/')];
            await member.PostFormAsync($"{list}?handler=State&id={offer.Id}&state=Draft", [], tokenFrom: list);
            (await visitor.GetAsync(new Uri(url, UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            var own = await member.Http.GetAsync(new Uri(url, UriKind.Relative));
            own.StatusCode.ShouldBe(HttpStatusCode.OK);
            own.Headers.CacheControl!.Private.ShouldBeTrue();

            await member.PostFormAsync($"{list}?handler=State&id={offer.Id}&state=Published", [], tokenFrom: list);
            using var staff = new WebClient(app);
            await staff.SignInAsync(DemoAccounts.VaudStaff);
            await staff.PostFormAsync($"/vd/gestion/offres?handler=Hide&id={offer.Id}", [new("Reason", "Image à vérifier.")], tokenFrom: "/vd/gestion/offres");
            (await visitor.GetAsync(new Uri(url, UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            await staff.PostFormAsync($"/vd/gestion/offres?handler=Unhide&id={offer.Id}", [], tokenFrom: "/vd/gestion/offres");
        }
    }
}

public sealed class OfferImageTestsOnSqlite(SqliteApp app) : OfferImageTests(app), IClassFixture<SqliteApp>;

public sealed class OfferImageTestsOnPostgreSQL(PostgresApp app) : OfferImageTests(app), IClassFixture<PostgresApp>;
