using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Maillage.Web.Tests.Browser;

/// <summary>
/// The people of one test, each with their own browser context (cookies, language) in the shared Chromium.
/// Records every request and console error, accepts confirmation dialogs, and leaves screenshots and traces behind
/// when the test fails.
/// </summary>
public sealed class BrowserSession(IBrowser browser, Uri root) : IAsyncDisposable
{
    private readonly List<(string Who, IBrowserContext Context, IPage Page)> _people = [];
    private readonly ConcurrentQueue<Uri> _requests = new();
    private readonly ConcurrentQueue<string> _consoleErrors = new();
    private readonly ConcurrentQueue<string> _dialogs = new();

    public Uri Root { get; } = root;

    /// <summary>Every URL any page of the session asked for, in order.</summary>
    public IReadOnlyCollection<Uri> Requests => _requests;

    /// <summary>Console errors (a CSP violation or a failing script shows up here).</summary>
    public IReadOnlyCollection<string> ConsoleErrors => _consoleErrors;

    /// <summary>The messages of the dialogs the pages opened (and the person accepted).</summary>
    public IReadOnlyCollection<string> Dialogs => _dialogs;

    /// <summary>A new person with a fresh browser (French Swiss locale, no cookies).</summary>
    public async Task<IPage> NewPersonAsync(string who)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Root.ToString(),
            Locale = "fr-CH",
            TimezoneId = "Europe/Zurich",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(10_000);
        context.SetDefaultNavigationTimeout(15_000);
        await context.Tracing.StartAsync(new TracingStartOptions { Title = who, Snapshots = true, Screenshots = false, Sources = false });
        context.Request += (_, request) => _requests.Enqueue(new Uri(request.Url));
        var page = await context.NewPageAsync();

        // site.js asks before irreversible actions (button.danger): the person says yes.
        page.Dialog += async (_, dialog) =>
        {
            _dialogs.Enqueue(dialog.Message);
            await dialog.AcceptAsync();
        };
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _consoleErrors.Enqueue($"{who}: {message.Text} ({page.Url})");
            }
        };
        page.PageError += (_, error) => _consoleErrors.Enqueue($"{who}: {error} ({page.Url})");
        _people.Add((who, context, page));
        return page;
    }

    /// <summary>A screenshot and a Playwright trace per person, under <paramref name="folder"/>.</summary>
    public async Task SaveEvidenceAsync(string folder, string testName)
    {
        Directory.CreateDirectory(folder);
        foreach (var (who, context, page) in _people)
        {
            var name = _people.Count == 1 ? testName : $"{testName}-{who}";
            try
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
                await context.Tracing.StopAsync(new TracingStopOptions { Path = Path.Combine(folder, name + ".trace.zip") });
            }
            catch (PlaywrightException)
            {
                // The browser may be the thing that broke: the test's own failure is what matters.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, context, _) in _people)
        {
            await context.CloseAsync();
        }
    }
}
