using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Maillage.Web.Features.Clearing;

/// <summary>
/// The network of debts as an inline SVG drawn on the server: members on a circle, one arc per (debtor, creditor)
/// pair with its width by amount. No script, and no style attribute (the CSP forbids inline styles): only SVG
/// presentation attributes and the site's CSS classes.
/// </summary>
public static class NetworkPicture
{
    private const int Size = 420;
    private const int Radius = 160;
    private const double MaxWidth = 12;

    /// <param name="after">Draw the amounts after the round (true) or before it (false).</param>
    /// <param name="scale">The largest amount of both pictures, so that before and after compare.</param>
    public static IHtmlContent Render(IReadOnlyList<NetworkArc> arcs, IReadOnlyDictionary<Guid, string> names, bool after, long scale, string title)
    {
        ArgumentNullException.ThrowIfNull(arcs);
        ArgumentNullException.ThrowIfNull(names);
        var encoder = HtmlEncoder.Default;
        var members = arcs.SelectMany(a => new[] { a.Debtor, a.Creditor }).Distinct().OrderBy(m => names[m], StringComparer.Ordinal).ToList();
        var centre = Size / 2.0;
        var position = new Dictionary<Guid, (double X, double Y)>();
        for (var i = 0; i < members.Count; i++)
        {
            var angle = (2 * Math.PI * i / Math.Max(1, members.Count)) - (Math.PI / 2);
            position[members[i]] = (centre + (Radius * Math.Cos(angle)), centre + (Radius * Math.Sin(angle)));
        }

        var svg = new StringBuilder();
        var marker = after ? "arrow-after" : "arrow-before";
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"network\" viewBox=\"-140 -30 {Size + 280} {Size + 60}\" role=\"img\" aria-label=\"{encoder.Encode(title)}\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title>{encoder.Encode(title)}</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<defs><marker id=\"{marker}\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"5\" markerHeight=\"5\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" class=\"network-arrow\"/></marker></defs>");
        foreach (var arc in arcs)
        {
            var amount = after ? arc.After : arc.Before;
            if (amount <= 0)
            {
                continue;
            }

            var (x1, y1) = position[arc.Debtor];
            var (x2, y2) = position[arc.Creditor];

            // Bend each arc to its right, so that A→B and B→A are two visible curves.
            var (mx, my) = ((x1 + x2) / 2, (y1 + y2) / 2);
            var (dx, dy) = (x2 - x1, y2 - y1);
            var (cx, cy) = (mx - (dy * 0.2), my + (dx * 0.2));
            var width = 1 + ((MaxWidth - 1) * amount / Math.Max(1, scale));
            var label = $"{names[arc.Debtor]} → {names[arc.Creditor]} : CHF {Domain.Invoices.MoneyText.Format(amount)}";
            svg.Append(CultureInfo.InvariantCulture, $"<path class=\"network-arc{(after && arc.After < arc.Before ? " reduced" : string.Empty)}\" d=\"M{x1:0.#},{y1:0.#} Q{cx:0.#},{cy:0.#} {x2:0.#},{y2:0.#}\" fill=\"none\" stroke-width=\"{width:0.##}\" marker-end=\"url(#{marker})\"><title>{encoder.Encode(label)}</title></path>");
        }

        foreach (var member in members)
        {
            var (x, y) = position[member];
            var name = names[member];
            var shortName = name.Length > 18 ? name[..17] + "…" : name;
            var anchor = x < centre - 1 ? "end" : x > centre + 1 ? "start" : "middle";
            var lx = x + (x < centre - 1 ? -10 : x > centre + 1 ? 10 : 0);
            var ly = y + (y < centre ? -10 : 18);
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"network-node\"><circle cx=\"{x:0.#}\" cy=\"{y:0.#}\" r=\"7\"/><text x=\"{lx:0.#}\" y=\"{ly:0.#}\" text-anchor=\"{anchor}\">{encoder.Encode(shortName)}<title>{encoder.Encode(name)}</title></text></g>");
        }

        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }
}
