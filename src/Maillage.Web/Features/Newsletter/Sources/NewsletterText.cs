namespace Maillage.Web.Features.Newsletter.Sources;

public static class NewsletterText
{
    public const int SummaryMax = 240;

    /// <summary>A summary short enough for an email, cut at a word.</summary>
    public static string Shorten(string? text)
    {
        var flat = string.Join(' ', (text ?? string.Empty).Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        if (flat.Length <= SummaryMax)
        {
            return flat;
        }

        var cut = flat.LastIndexOf(' ', SummaryMax);
        return flat[..(cut > SummaryMax / 2 ? cut : SummaryMax)].TrimEnd() + "…";
    }
}
