using System.Text.Json;
using Maillage.Domain.Criteria;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Data;

/// <summary>
/// Writes the network's base set of ESS criteria when it is missing. It is data: chambers adopt, adapt or extend it
/// from the back office, and the file only seeds a new installation.
/// </summary>
public sealed class ReferenceDataSeeder(MaillageDbContext db)
{
    private static readonly JsonSerializerOptions ResourceJson = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    private sealed record BaseCriterion(string Code, string Title, string Guidance, int ExpectedLevel, int Weight, bool Mandatory);

    public static IReadOnlyList<Criterion> LoadBaseCriteria()
    {
        var items = ReadResource<List<BaseCriterion>>("Data.Reference.base-criteria.json");
        return items.Select((c, i) => new Criterion(null, c.Code, c.Title, c.Guidance, (CriterionLevel)c.ExpectedLevel, c.Weight, c.Mandatory, i + 1)).ToList();
    }

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        if (await db.Criteria.AnyAsync(c => c.ChamberId == null, cancellationToken))
        {
            return;
        }

        db.Criteria.AddRange(LoadBaseCriteria());
        await db.SaveChangesAsync(cancellationToken);
    }

    internal static T ReadResource<T>(string relativeName)
    {
        var assembly = typeof(ReferenceDataSeeder).Assembly;
        using var stream = assembly.GetManifestResourceStream($"{assembly.GetName().Name}.{relativeName}")
            ?? throw new InvalidOperationException($"Missing embedded resource {relativeName}.");
        return JsonSerializer.Deserialize<T>(stream, ResourceJson)
            ?? throw new InvalidOperationException($"Empty resource {relativeName}.");
    }
}
