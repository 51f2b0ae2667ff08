using System.Runtime.CompilerServices;
using Maillage.Web.Tests.Infrastructure;

namespace Maillage.Web.Tests.Browser;

/// <summary>
/// Base of the browser tests: runs a story in a fresh <see cref="BrowserSession"/> against the real server and,
/// when it fails, saves a screenshot and a trace to TestResults/browser/ at the repository root.
/// </summary>
public abstract class BrowserTest(MaillageApp app, ChromiumFixture chromium)
{
    protected MaillageApp App { get; } = app;

    public static string EvidenceFolder { get; } = Path.Combine(RepositoryRoot(), "TestResults", "browser");

    protected async Task RunAsync(Func<BrowserSession, Task> story, [CallerMemberName] string test = "")
    {
        ArgumentNullException.ThrowIfNull(story);
        await using var session = new BrowserSession(chromium.Browser, App.RootUri);
        try
        {
            await story(session);
        }
        catch (Exception)
        {
            await session.SaveEvidenceAsync(EvidenceFolder, $"{GetType().Name}.{test}");
            throw;
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Maillage.slnx")))
            {
                return dir.FullName;
            }
        }

        return AppContext.BaseDirectory;
    }
}
