using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Maillage.Web.Tests.Browser.Pages;

public static class Fields
{
    /// <summary>
    /// Matches a label's whole text, with or without the required-field star (which is aria-hidden, but Playwright
    /// reads label text as it is): "Nom" finds "Nom *" and not "Nom de l'organisation *".
    /// </summary>
    public static Regex Label(string text) => new($@"^{Regex.Escape(text)}(\s*\*)?$", RegexOptions.None, TimeSpan.FromSeconds(1));

    /// <summary>
    /// The error message shown next to a field, found the way a screen reader finds it: through the field's
    /// aria-describedby. Null when the field is not described by an error.
    /// </summary>
    public static async Task<string?> ErrorMessageAsync(this ILocator field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var describedBy = await field.GetAttributeAsync("aria-describedby") ?? string.Empty;
        var errorId = describedBy.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(id => id.EndsWith("-error", StringComparison.Ordinal));
        return errorId is null ? null : (await field.Page.Locator($"[id='{errorId}']").TextContentAsync())?.Trim();
    }
}
