using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace Maillage.Web.Features.Currency;

/// <summary>
/// Server-rendered SVG charts (no script, no external asset). Each chart has a title for screen readers and the
/// page shows the same figures in a table next to it; text is encoded, coordinates are invariant numbers.
/// </summary>
public static class Charts
{
    private const int Width = 720;
    private const int Height = 220;
    private const int Left = 70;
    private const int Bottom = 30;

    /// <summary>A line of values over time with a zero line (balances go below zero in mutual credit).</summary>
    public static string Line(IReadOnlyList<(string Label, long Value)> points, string title, Func<long, string> format)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(format);
        var e = HtmlEncoder.Default;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{e.Encode(title)}\" xmlns=\"http://www.w3.org/2000/svg\"><title>{e.Encode(title)}</title>");
        if (points.Count > 0)
        {
            var min = Math.Min(0, points.Min(p => p.Value));
            var max = Math.Max(0, points.Max(p => p.Value));
            if (max == min)
            {
                max = min + 1;
            }

            double X(int i) => Left + (points.Count == 1 ? 0 : (double)i * (Width - Left - 10) / (points.Count - 1));
            double Y(long v) => 10 + ((double)(max - v) * (Height - Bottom - 10) / (max - min));
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"chart-zero\" x1=\"{Left}\" x2=\"{Width - 10}\" y1=\"{Y(0):0.#}\" y2=\"{Y(0):0.#}\"/>");
            foreach (var (value, y) in new[] { (max, Y(max)), (min, Y(min)) }.Where(t => t.Item1 != 0).Append((0L, Y(0))))
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-label\" x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">{e.Encode(format(value))}</text>");
            }

            svg.Append("<polyline class=\"chart-line\" fill=\"none\" points=\"");
            for (var i = 0; i < points.Count; i++)
            {
                svg.Append(CultureInfo.InvariantCulture, $"{X(i):0.#},{Y(points[i].Value):0.#} ");
            }

            svg.Append("\"/>");
            // The first and last dates are anchored inwards, so that neither is cut by the chart's edge.
            foreach (var i in new[] { 0, points.Count / 2, points.Count - 1 }.Distinct())
            {
                var anchor = i == 0 ? "start" : i == points.Count - 1 ? "end" : "middle";
                svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-label\" x=\"{X(i):0.#}\" y=\"{Height - 8}\" text-anchor=\"{anchor}\">{e.Encode(points[i].Label)}</text>");
            }
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>Vertical bars, one per label (e.g. volume per month).</summary>
    public static string Bars(IReadOnlyList<(string Label, long Value)> bars, string title, Func<long, string> format)
    {
        ArgumentNullException.ThrowIfNull(bars);
        ArgumentNullException.ThrowIfNull(format);
        var e = HtmlEncoder.Default;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{e.Encode(title)}\" xmlns=\"http://www.w3.org/2000/svg\"><title>{e.Encode(title)}</title>");
        if (bars.Count > 0)
        {
            var max = Math.Max(1, bars.Max(b => b.Value));
            var slot = (double)(Width - Left - 10) / bars.Count;
            for (var i = 0; i < bars.Count; i++)
            {
                var h = (double)Math.Max(0, bars[i].Value) * (Height - Bottom - 20) / max;
                var x = Left + (i * slot) + (slot * 0.15);
                var y = Height - Bottom - h;
                svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"chart-bar\" x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"{slot * 0.7:0.#}\" height=\"{h:0.#}\"><title>{e.Encode(bars[i].Label + " : " + format(bars[i].Value))}</title></rect>");
                svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-label\" x=\"{x + (slot * 0.35):0.#}\" y=\"{Height - 8}\" text-anchor=\"middle\">{e.Encode(bars[i].Label)}</text>");
            }

            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-label\" x=\"{Left - 6}\" y=\"24\" text-anchor=\"end\">{e.Encode(format(max))}</text>");
        }

        return svg.Append("</svg>").ToString();
    }
}
