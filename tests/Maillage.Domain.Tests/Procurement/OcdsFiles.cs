using Maillage.Domain.Procurement;

namespace Maillage.Domain.Tests.Procurement;

/// <summary>The shared OCDS samples: <c>../shared/data/procurement/ocds</c> beside the repository root.</summary>
internal static class OcdsFiles
{
    public static string Folder { get; } = Locate();

    public static string PathOf(string file) => Path.Combine(Folder, file);

    public static List<OcdsEntry> Read(string file, int bufferSize = 1 << 16)
    {
        using var stream = File.OpenRead(PathOf(file));
        var reader = new OcdsReader(stream, bufferSize);
        var entries = new List<OcdsEntry>();
        while (reader.Next() is { } entry)
        {
            entries.Add(entry);
        }

        return entries;
    }

    public static List<OcdsEntry> ReadText(string json, int bufferSize = 1 << 16)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        var reader = new OcdsReader(stream, bufferSize);
        var entries = new List<OcdsEntry>();
        while (reader.Next() is { } entry)
        {
            entries.Add(entry);
        }

        return entries;
    }

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Maillage.slnx")))
            {
                var shared = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "procurement", "ocds"));
                if (Directory.Exists(shared))
                {
                    return shared;
                }
            }
        }

        throw new DirectoryNotFoundException("shared/data/procurement/ocds not found beside the repository");
    }
}
