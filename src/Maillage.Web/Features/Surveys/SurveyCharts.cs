using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Maillage.Domain.Surveys;

namespace Maillage.Web.Features.Surveys;

/// <summary>
/// Horizontal bar charts drawn on the server as SVG (no script, no external library): long option labels stay
/// readable. The chart is an image with a title; the page shows the same figures in a table.
/// </summary>
public static class SurveyCharts
{
    private const int Width = 640;
    private const int LabelWidth = 230;
    private const int Row = 28;
    private const int Bar = 18;

    public static string Bars(IReadOnlyList<OptionCount> counts, string title)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var e = HtmlEncoder.Default;
        var height = (Math.Max(1, counts.Count) * Row) + 8;
        var max = Math.Max(1, counts.Count == 0 ? 0 : counts.Max(c => c.Count));
        var room = Width - LabelWidth - 110;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"survey-chart\" viewBox=\"0 0 {Width} {height}\" width=\"100%\" role=\"img\" aria-label=\"{e.Encode(title)}\" xmlns=\"http://www.w3.org/2000/svg\"><title>{e.Encode(title)}</title>");
        for (var i = 0; i < counts.Count; i++)
        {
            var c = counts[i];
            var y = 4 + (i * Row);
            var w = (double)c.Count * room / max;
            var label = c.Label.Length > 34 ? c.Label[..33] + "…" : c.Label;
            var figure = $"{c.Count.ToString("N0", CultureInfo.CurrentCulture)} ({SurveyDisplay.Percent(c.Percent)})";
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-label\" x=\"{LabelWidth - 8}\" y=\"{y + 14}\" text-anchor=\"end\">{e.Encode(label)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"chart-bar\" x=\"{LabelWidth}\" y=\"{y}\" width=\"{w:0.#}\" height=\"{Bar}\"><title>{e.Encode(c.Label + " : " + figure)}</title></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-value\" x=\"{LabelWidth + w + 6:0.#}\" y=\"{y + 14}\">{e.Encode(figure)}</text>");
        }

        return svg.Append("</svg>").ToString();
    }
}
