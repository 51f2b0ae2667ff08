namespace Maillage.Domain.Common;

/// <summary>The 26 Swiss cantons by their official two-letter abbreviation.</summary>
public static class Cantons
{
    public static readonly IReadOnlyList<string> All =
    [
        "AG", "AI", "AR", "BE", "BL", "BS", "FR", "GE", "GL", "GR", "JU", "LU", "NE",
        "NW", "OW", "SG", "SH", "SO", "SZ", "TG", "TI", "UR", "VD", "VS", "ZG", "ZH",
    ];

    public static bool IsValid(string? code) => code is not null && All.Contains(code, StringComparer.Ordinal);
}
