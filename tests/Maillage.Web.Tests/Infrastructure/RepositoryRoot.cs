namespace Maillage.Web.Tests.Infrastructure;

public static class RepositoryRoot
{
    /// <summary>The folder holding Maillage.slnx, found by walking up from the test binaries.</summary>
    public static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Maillage.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Maillage.slnx not found above " + AppContext.BaseDirectory);
    }
}
