using System.Net.Http.Json;
using System.Text.Json;
using Maillage.Domain.Offers;
using Maillage.Web.Features.Offers;
using Maillage.Web.Tests.Clearing;
using Maillage.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Web.Tests.Portal;

/// <summary>
/// French as people type it, through the stored offers and the public API, on each engine: accents, plurals and
/// inflections, typos, prefixes, title over description, all words over some. The offers use rare trades so the
/// demo catalogue around them does not decide the outcome.
/// </summary>
public abstract class RelevanceTests(MaillageApp app) : IAsyncLifetime
{
    private static readonly string[][] Catalogue =
    [
        ["Ébénisterie sur mesure", "Meubles en bois massif, tables et bibliothèques."],
        ["Tonnelier artisan", "Fûts de chêne pour vignerons genevois."],
        ["Réparation de harpes", "Cordes, leviers et tables d'harmonie remis en état."],
        ["Location de harpes", "Instruments pour concerts et mariages."],
        ["Marqueterie et restauration de meubles", "Placage, incrustations et vernis au tampon."],
        ["Atelier de tonnellerie", "Cerclage et entretien de tonneaux."],
        ["Conseil en viticulture", "Nous accompagnons les domaines, y compris la tonnellerie de leurs fûts."],
        ["Apiculture urbaine", "Ruches sur les toits d'entreprises, miel récolté sur place."],
    ];

    public async Task InitializeAsync()
    {
        // xunit makes a class instance per test; the app (and its database) is shared, so the catalogue goes in once.
        if (await app.WithDbAsync(db => db.Set<Offer>().AnyAsync(o => o.Details.Title == "Apiculture urbaine")))
        {
            return;
        }

        var owner = await app.NewMemberAsync(name: "Atelier des métiers rares");
        var chamberId = await app.ChamberIdAsync("ge");
        await app.WithDbAsync(async db =>
        {
            foreach (var entry in Catalogue)
            {
                var offer = new Offer(chamberId, owner.Id, new OfferDetails
                {
                    Kind = OfferKind.Service,
                    Title = entry[0],
                    Description = entry[1],
                    Category = "recyclage/reparation",
                    Audience = OfferAudience.Public,
                    PriceKind = PriceKind.OnQuote,
                    DeliveryRadiusKm = 20,
                }, DateTime.UtcNow);
                offer.Publish(DateTime.UtcNow);
                db.Add(offer);
            }

            await db.SaveChangesAsync();
        });
        await app.Services.GetRequiredService<OfferSearch>().RefreshAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("ebenisterie", "Ébénisterie sur mesure")]
    [InlineData("EBENISTERIE", "Ébénisterie sur mesure")]
    [InlineData("tonneliers", "Tonnelier artisan")]
    [InlineData("harpe", "Réparation de harpes")]
    [InlineData("réparer harpes", "Réparation de harpes")]
    [InlineData("marquetrie", "Marqueterie et restauration de meubles")]
    [InlineData("apicultrue", "Apiculture urbaine")]
    [InlineData("ébènisterie", "Ébénisterie sur mesure")]
    public async Task Accents_plurals_inflections_and_typos_find_their_target_in_the_top_five(string query, string target)
    {
        var titles = await TitlesAsync(query);

        titles.Take(5).ShouldContain(target, $"query '{query}' gave: {string.Join(" | ", titles.Take(5))}");
    }

    [Fact]
    public async Task A_title_outranks_a_description_and_all_words_outrank_some()
    {
        var tonnellerie = await TitlesAsync("tonnellerie");
        tonnellerie.ShouldContain("Conseil en viticulture", "the description mentions it");
        tonnellerie.IndexOf("Atelier de tonnellerie").ShouldBeLessThan(tonnellerie.IndexOf("Conseil en viticulture"));

        var both = await TitlesAsync("réparation harpes");
        both[0].ShouldBe("Réparation de harpes");
        both.ShouldContain("Location de harpes", "a partial match is still shown, lower");
    }

    [Fact]
    public async Task Suggestions_complete_a_prefix_from_three_letters()
    {
        using var client = app.CreateClient();
        var words = await client.GetFromJsonAsync<List<string>>(new Uri("/api/v1/suggest?q=marque", UriKind.Relative));

        words.ShouldNotBeNull();
        words.ShouldContain(w => w.StartsWith("marqueterie", StringComparison.Ordinal));
        (await TitlesAsync("marquet")).ShouldContain("Marqueterie et restauration de meubles", "the last word is searched as a prefix");
    }

    private async Task<List<string>> TitlesAsync(string query)
    {
        using var client = app.CreateClient();
        var results = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/search?pageSize=50&q=" + Uri.EscapeDataString(query), UriKind.Relative));
        return results.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!).ToList();
    }
}

public sealed class RelevanceTestsOnSqlite(SqliteApp app) : RelevanceTests(app), IClassFixture<SqliteApp>;

public sealed class RelevanceTestsOnPostgreSQL(PostgresApp app) : RelevanceTests(app), IClassFixture<PostgresApp>;
