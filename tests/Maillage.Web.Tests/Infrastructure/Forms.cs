using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Maillage.Web.Tests.Infrastructure;

/// <summary>
/// What a browser sends when a whole form is submitted (every field, hidden ones included), file uploads and
/// downloads that come back as something other than a page.
/// </summary>
public static class Forms
{
    private static readonly HtmlParser Parser = new();

    /// <summary>Every value the form would send as it stands: inputs, checked boxes, selected options, text areas.</summary>
    public static List<KeyValuePair<string, string>> FormValues(this IHtmlDocument page, string formSelector)
    {
        ArgumentNullException.ThrowIfNull(page);
        var form = page.QuerySelector(formSelector) as IHtmlFormElement ?? throw new InvalidOperationException($"No form '{formSelector}' on the page.");
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && !input.IsDisabled:
                    if (input.Type is "checkbox" or "radio")
                    {
                        if (input.IsChecked)
                        {
                            values.Add(new(input.Name, input.Value));
                        }
                    }
                    else if (input.Type is not ("submit" or "button" or "reset" or "file" or "image"))
                    {
                        values.Add(new(input.Name, input.Value));
                    }

                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name) && !select.IsDisabled:
                    var selected = select.Options.Where(o => o.IsSelected).ToList();
                    if (selected.Count == 0 && select.Options.Length > 0)
                    {
                        selected.Add(select.Options[0]!);
                    }

                    values.AddRange(selected.Select(o => new KeyValuePair<string, string>(select.Name, o.Value)));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name) && !area.IsDisabled:
                    values.Add(new(area.Name, area.Value));
                    break;
                default:
                    break;
            }
        }

        return values;
    }

    /// <summary>The same values with <paramref name="name"/> set to <paramref name="value"/> (replacing every value it had).</summary>
    public static List<KeyValuePair<string, string>> With(this List<KeyValuePair<string, string>> values, string name, string value)
    {
        ArgumentNullException.ThrowIfNull(values);
        var index = values.FindIndex(v => v.Key == name);
        var result = values.Where(v => v.Key != name).ToList();
        result.Insert(index < 0 ? result.Count : Math.Min(index, result.Count), new(name, value));
        return result;
    }

    public static List<KeyValuePair<string, string>> Without(this List<KeyValuePair<string, string>> values, string name)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.Where(v => v.Key != name).ToList();
    }

    /// <summary>The anti-forgery token carried by a page.</summary>
    public static string Token(this IHtmlDocument page) =>
        page?.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
        ?? throw new InvalidOperationException("The page carries no anti-forgery token.");

    /// <summary>
    /// Uploads a file the way the browser does (multipart, with the page's anti-forgery token) and follows the
    /// redirect; returns the page reached and where it is.
    /// </summary>
    public static async Task<UploadResult> UploadAsync(this WebClient client, string url, string fieldName, string fileName, byte[] content, HttpStatusCode expected = HttpStatusCode.OK)
    {
        ArgumentNullException.ThrowIfNull(client);
        var form = await client.GetPageAsync(url);
        using var body = new MultipartFormDataContent
        {
            { new StringContent(form.Token()), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        body.Add(file, fieldName, fileName);
        var response = await client.Http.PostAsync(new Uri(url, UriKind.Relative), body);
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, $"upload to {url}");
        return new UploadResult(Parser.ParseDocument(html), response.RequestMessage?.RequestUri?.AbsolutePath ?? url);
    }

    /// <summary>Posts a form whose answer is a file (not a page): token from <paramref name="tokenFrom"/>.</summary>
    public static async Task<HttpResponseMessage> PostForFileAsync(this WebClient client, string url, IEnumerable<KeyValuePair<string, string>> fields, string tokenFrom)
    {
        ArgumentNullException.ThrowIfNull(client);
        var page = await client.GetPageAsync(tokenFrom);
        using var body = new FormUrlEncodedContent([new("__RequestVerificationToken", page.Token()), .. fields]);
        return await client.Http.PostAsync(new Uri(url, UriKind.Relative), body);
    }

    public static IHtmlDocument Parse(string html) => Parser.ParseDocument(html);
}

public sealed record UploadResult(IHtmlDocument Page, string Path);
