using System.Globalization;

namespace Maillage.Domain.Tests.Clearing;

/// <summary>
/// Finds the shared obligation networks: <c>../shared/data/obligations</c> next to the repository root (the folder
/// holding Maillage.slnx), as on developer machines and in CI, and reads the reference figures from their README.
/// </summary>
internal static class SharedNetworks
{
    public static string Folder { get; } = Locate();

    public static string PathOf(string file) => Path.Combine(Folder, file);

    /// <summary>The README table row for <paramref name="file"/>: firms, distinct pairs, total debt, optimal cleared.</summary>
    public static (long Firms, long Pairs, long TotalDebt, long OptimalCleared) Expected(string file)
    {
        foreach (var line in File.ReadLines(PathOf("README.md")))
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (cells.Length == 5 && cells[0] == file)
            {
                return (Number(cells[1]), Number(cells[2]), Number(cells[3]), Number(cells[4]));
            }
        }

        throw new InvalidOperationException($"{file} has no row in {PathOf("README.md")}");

        static long Number(string text) => long.Parse(text.Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture);
    }

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Maillage.slnx")))
            {
                var shared = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "obligations"));
                return Directory.Exists(shared)
                    ? shared
                    : throw new DirectoryNotFoundException($"Expected the shared obligation networks at {shared}, beside the repository.");
            }
        }

        throw new DirectoryNotFoundException($"No Maillage.slnx above {AppContext.BaseDirectory}.");
    }
}
