using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Maillage.Web.Data;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Maillage.Web.Tests.Infrastructure;

/// <summary>
/// A person with a browser-like HTTP client: keeps cookies, reads pages as HTML and posts forms the way a browser
/// does (with the anti-forgery token the page carries).
/// </summary>
public sealed class WebClient : IDisposable
{
    private static readonly HtmlParser Parser = new();

    // AngleSharp documents parsed from a string do not know their address; forms without an action post there.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IHtmlDocument, string> Addresses = [];

    public WebClient(MaillageApp app, bool followRedirects = true)
    {
        ArgumentNullException.ThrowIfNull(app);
        Http = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = followRedirects, HandleCookies = true });
    }

    public HttpClient Http { get; }

    public HttpResponseMessage? LastResponse { get; private set; }

    public async Task<IHtmlDocument> GetPageAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        LastResponse = await Http.GetAsync(new Uri(url, UriKind.Relative));
        var html = await LastResponse.Content.ReadAsStringAsync();
        LastResponse.StatusCode.ShouldBe(expected, $"GET {url}");
        var document = Parser.ParseDocument(html);
        Addresses.AddOrUpdate(document, LastResponse.RequestMessage?.RequestUri?.PathAndQuery ?? url);
        return document;
    }

    /// <summary>Fills the form found by <paramref name="formSelector"/> on <paramref name="page"/> and submits it.</summary>
    public async Task<IHtmlDocument> SubmitAsync(IHtmlDocument page, string formSelector, IEnumerable<KeyValuePair<string, string>> fields, string? submitName = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        ArgumentNullException.ThrowIfNull(page);
        var form = page.QuerySelector(formSelector) as IHtmlFormElement ?? throw new InvalidOperationException($"No form '{formSelector}' on the page.");
        var values = new List<KeyValuePair<string, string>>();
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value");
        if (token is not null)
        {
            values.Add(new("__RequestVerificationToken", token));
        }

        values.AddRange(fields);
        var action = form.GetAttribute("action");
        if (submitName is not null)
        {
            var button = form.QuerySelector($"button[formaction][data-name='{submitName}'], button[value='{submitName}']");
            action = button?.GetAttribute("formaction") ?? action;
        }

        var target = string.IsNullOrEmpty(action) ? (Addresses.TryGetValue(page, out var address) ? address : page.Url) : action;
        return await PostAsync(ToRelative(target), values, expected);
    }

    public async Task<IHtmlDocument> PostAsync(string url, IEnumerable<KeyValuePair<string, string>> values, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var content = new FormUrlEncodedContent(values);
        LastResponse = await Http.PostAsync(new Uri(url, UriKind.Relative), content);
        var html = await LastResponse.Content.ReadAsStringAsync();
        LastResponse.StatusCode.ShouldBe(expected, $"POST {url}: {Excerpt(html)}");
        var document = Parser.ParseDocument(html);
        Addresses.AddOrUpdate(document, LastResponse.RequestMessage?.RequestUri?.PathAndQuery ?? url);
        return document;
    }

    /// <summary>Posts to a page with the anti-forgery token taken from that page (or another one).</summary>
    public async Task<IHtmlDocument> PostFormAsync(string url, IEnumerable<KeyValuePair<string, string>> fields, string? tokenFrom = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var page = await GetPageAsync(tokenFrom ?? url.Split('?')[0]);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException("The page carries no anti-forgery token.");
        return await PostAsync(url, [new("__RequestVerificationToken", token), .. fields], expected);
    }

    public async Task SignInAsync(string email, string password = DemoSeeder.DemoPassword)
    {
        var page = await PostFormAsync("/compte/connexion", [new("Email", email), new("Password", password)]);
        page.QuerySelector(".error-summary").ShouldBeNull($"sign-in as {email} failed");
    }

    public void Dispose() => Http.Dispose();

    private static string ToRelative(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http", StringComparison.Ordinal) ? absolute.PathAndQuery : url;

    private static string Excerpt(string html) => html.Length > 600 ? html[..600] : html;
}

public static class Html
{
    /// <summary>The error message shown next to a field.</summary>
    public static string? FieldError(this IHtmlDocument page, string fieldName)
    {
        ArgumentNullException.ThrowIfNull(page);
        var id = fieldName.Replace('.', '_').Replace('[', '_').Replace(']', '_');
        return page.QuerySelector($"#{id}-error")?.TextContent.Trim();
    }

    public static string? FieldValue(this IHtmlDocument page, string fieldName) =>
        (page?.QuerySelector($"[name='{fieldName}']") as IHtmlInputElement)?.Value
        ?? page?.QuerySelector($"textarea[name='{fieldName}']")?.TextContent;

    public static string Text(this IHtmlDocument page) => page?.Body?.TextContent ?? string.Empty;
}
