namespace Maillage.Domain.Chambers;

/// <summary>A chamber of the social and solidarity economy (one canton or region) with its own members and rules.</summary>
public sealed class Chamber
{
    private Chamber()
    {
    }

    public Chamber(string slug, string name, string shortName, string canton, DateTime now)
    {
        Id = Guid.NewGuid();
        Slug = slug;
        Name = name;
        ShortName = shortName;
        Canton = canton;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }

    /// <summary>The URL prefix ("ge" in /ge/membres).</summary>
    public string Slug { get; private set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string ShortName { get; set; } = string.Empty;

    public string Canton { get; set; } = string.Empty;

    public string Tagline { get; set; } = string.Empty;

    public string? ContactEmail { get; set; }

    public string? Website { get; set; }

    /// <summary>Whether the public can apply online.</summary>
    public bool AcceptsApplications { get; set; } = true;

    /// <summary>Minimum score (0–100) staff expect; shown in the review, never decides alone.</summary>
    public int AdmissionScoreThreshold { get; set; } = 60;

    public DateTime CreatedAt { get; private set; }

    /// <summary>Words the platform uses at the start of its own paths: never a chamber's slug.</summary>
    public static readonly IReadOnlyList<string> ReservedSlugs = ["api", "compte", "erreur", "health", "langue", "openapi", "reseau", "css", "js"];

    /// <summary>Slugs are short lower-case words so that they never collide with the platform's own paths.</summary>
    public static bool IsValidSlug(string? slug) =>
        slug is { Length: >= 2 and <= 12 } && slug.All(c => c is >= 'a' and <= 'z' or '-') && !ReservedSlugs.Contains(slug);
}

public enum ChamberRole
{
    Staff = 1,
    Admin = 2,
}

/// <summary>A person working for a chamber (staff) or running it (admin).</summary>
public sealed class ChamberStaffMember
{
    public Guid ChamberId { get; set; }

    public Guid UserId { get; set; }

    public ChamberRole Role { get; set; }

    public DateTime Since { get; set; }
}
