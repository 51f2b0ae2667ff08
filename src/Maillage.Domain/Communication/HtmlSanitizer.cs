using System.Globalization;
using System.Net;
using System.Text;

namespace Maillage.Domain.Communication;

/// <summary>
/// Keeps the little HTML a member's news or practice sheet may carry and nothing else. The input is read as a stream
/// of tokens (text, start tag, end tag, comment) the way a browser would split it; only an allow-list survives:
/// p, br, strong, em, ul, ol, li, blockquote and a with an http(s) or mailto href. Every other tag is dropped with
/// its attributes (its text stays), and the contents of script, style and similar containers go with them.
/// The output is rebuilt from what was understood, never copied: text and attribute values are decoded once and
/// encoded again, so an entity trick (<c>jav&amp;#x61;script:</c>) is judged on what the browser would see, and
/// every element opened is closed in order (well-formed, void br only).
/// </summary>
public static class HtmlSanitizer
{
    /// <summary>Deeper nesting is flattened: no honest text needs it, and it is how parsers are made to disagree.</summary>
    public const int MaxDepth = 16;

    private static readonly HashSet<string> Allowed = new(StringComparer.Ordinal) { "p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote" };

    /// <summary>Elements whose whole content is dropped with them (scripts, styles, embedded documents, foreign markup).</summary>
    private static readonly HashSet<string> DroppedWithContent = new(StringComparer.Ordinal)
    {
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "noscript", "noembed", "noframes", "template",
        "textarea", "title", "xmp", "plaintext", "svg", "math", "select", "option", "head", "base", "meta", "link",
    };

    private static readonly HashSet<string> Blocks = new(StringComparer.Ordinal) { "p", "ul", "ol", "blockquote" };

    /// <summary>The sanitised HTML of <paramref name="input"/> (empty for null or blank input).</summary>
    public static string Sanitize(string? input)
    {
        if (string.IsNullOrEmpty(input))
        {
            return string.Empty;
        }

        var html = input.Replace("\r\n", "\n", StringComparison.Ordinal);
        var output = new StringBuilder(html.Length);
        var open = new List<string>();
        var i = 0;
        while (i < html.Length)
        {
            var lt = html.IndexOf('<', i);
            if (lt < 0)
            {
                AppendText(output, html[i..]);
                break;
            }

            AppendText(output, html[i..lt]);
            i = lt;
            if (StartsWith(html, i, "<!--"))
            {
                // A comment ends at the first "-->" (or "--!>"); unclosed, it swallows the rest, as in a browser.
                var end = html.IndexOf("-->", i + 4, StringComparison.Ordinal);
                var bang = html.IndexOf("--!>", i + 4, StringComparison.Ordinal);
                end = end < 0 ? bang : bang < 0 ? end : Math.Min(end, bang);
                i = end < 0 ? html.Length : html.IndexOf('>', end) + 1;
                continue;
            }

            if (i + 1 < html.Length && html[i + 1] is '!' or '?')
            {
                // Doctype, CDATA, processing instruction: nothing a news text needs.
                var end = html.IndexOf('>', i + 1);
                i = end < 0 ? html.Length : end + 1;
                continue;
            }

            var isEnd = i + 1 < html.Length && html[i + 1] == '/';
            var nameStart = i + (isEnd ? 2 : 1);
            if (nameStart >= html.Length || !char.IsAsciiLetter(html[nameStart]))
            {
                // "a < b" or "</ 3": a browser shows it as text, so do we (encoded).
                AppendText(output, "<");
                i++;
                continue;
            }

            var tag = ReadTag(html, nameStart, out var next);
            if (tag is null)
            {
                // A tag never closed by ">" would swallow what follows in a browser: drop the rest.
                break;
            }

            i = next;
            var name = tag.Value.Name;
            if (isEnd)
            {
                Close(output, open, Canonical(name));
                continue;
            }

            if (DroppedWithContent.Contains(name))
            {
                i = SkipContent(html, i, name, tag.Value.SelfClosing);
                continue;
            }

            Open(output, open, Canonical(name), tag.Value.Attributes);
        }

        for (var k = open.Count - 1; k >= 0; k--)
        {
            output.Append("</").Append(open[k]).Append('>');
        }

        return output.ToString().Trim();
    }

    /// <summary>The text of sanitised HTML, blocks separated by blank lines (for feeds' summaries and plain-text email).</summary>
    public static string PlainText(string? sanitized)
    {
        if (string.IsNullOrEmpty(sanitized))
        {
            return string.Empty;
        }

        var text = new StringBuilder(sanitized.Length);
        var i = 0;
        while (i < sanitized.Length)
        {
            var lt = sanitized.IndexOf('<', i);
            if (lt < 0)
            {
                text.Append(WebUtility.HtmlDecode(sanitized[i..]));
                break;
            }

            text.Append(WebUtility.HtmlDecode(sanitized[i..lt]));
            var gt = sanitized.IndexOf('>', lt);
            if (gt < 0)
            {
                break;
            }

            var tag = sanitized[(lt + 1)..gt];
            if (tag is "br")
            {
                text.Append('\n');
            }
            else if (tag is "/p" or "/blockquote" or "/ul" or "/ol")
            {
                text.Append("\n\n");
            }
            else if (tag is "li")
            {
                text.Append("\n• ");
            }

            i = gt + 1;
        }

        var lines = text.ToString().Split('\n').Select(l => l.Trim());
        var joined = string.Join('\n', lines);
        while (joined.Contains("\n\n\n", StringComparison.Ordinal))
        {
            joined = joined.Replace("\n\n\n", "\n\n", StringComparison.Ordinal);
        }

        return joined.Trim();
    }

    /// <summary>
    /// Whether a link target is one we emit: absolute http(s) with a host, or mailto. Judged after the entities were
    /// decoded and with every control character and space removed, since browsers ignore them inside a scheme.
    /// </summary>
    public static string? SafeUrl(string? decoded)
    {
        if (decoded is null)
        {
            return null;
        }

        var compact = new string(decoded.Where(c => c > ' ' && c != '\u007F' && !char.IsControl(c) && !char.IsWhiteSpace(c)).ToArray());
        if (compact.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            return compact.Length > 7 && !compact.Contains('<', StringComparison.Ordinal) ? compact : null;
        }

        if (!compact.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !compact.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return Uri.TryCreate(compact, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && !string.IsNullOrEmpty(uri.Host) ? uri.AbsoluteUri : null;
    }

    private static string Canonical(string name) => name switch
    {
        "b" => "strong",
        "i" => "em",
        _ => name,
    };

    private static void Open(StringBuilder output, List<string> open, string name, IReadOnlyList<KeyValuePair<string, string>> attributes)
    {
        if (!Allowed.Contains(name))
        {
            return;
        }

        if (name == "br")
        {
            output.Append("<br>");
            return;
        }

        if (open.Count >= MaxDepth)
        {
            return;
        }

        if (Blocks.Contains(name) || name == "li")
        {
            // A block or a list item closes an open paragraph (and a link) first, as the HTML parser does.
            var p = open.LastIndexOf("p");
            if (p >= 0 && (name != "li" || p > Math.Max(open.LastIndexOf("ul"), open.LastIndexOf("ol"))))
            {
                Close(output, open, "p");
            }

            if (open.Contains("a"))
            {
                Close(output, open, "a");
            }
        }

        if (name == "li")
        {
            var list = Math.Max(open.LastIndexOf("ul"), open.LastIndexOf("ol"));
            if (list < 0)
            {
                // An item outside a list is read as plain text.
                return;
            }

            if (open.LastIndexOf("li") > list)
            {
                Close(output, open, "li");
            }
        }

        if (name == "a")
        {
            if (open.Contains("a"))
            {
                Close(output, open, "a");
            }

            var href = attributes.LastOrDefault(a => a.Key == "href").Value;
            var url = SafeUrl(href);
            if (url is null)
            {
                return;
            }

            output.Append("<a href=\"").Append(EncodeAttribute(url)).Append("\" rel=\"nofollow noopener noreferrer\">");
            open.Add("a");
            return;
        }

        output.Append('<').Append(name).Append('>');
        open.Add(name);
    }

    private static void Close(StringBuilder output, List<string> open, string name)
    {
        var index = open.LastIndexOf(name);
        if (index < 0)
        {
            return;
        }

        for (var k = open.Count - 1; k >= index; k--)
        {
            output.Append("</").Append(open[k]).Append('>');
        }

        open.RemoveRange(index, open.Count - index);
    }

    private readonly record struct Tag(string Name, IReadOnlyList<KeyValuePair<string, string>> Attributes, bool SelfClosing);

    /// <summary>Reads a tag from its name to its ">" with the browser's attribute rules; null when no ">" ends it.</summary>
    private static Tag? ReadTag(string html, int start, out int next)
    {
        var i = start;
        while (i < html.Length && !IsSpace(html[i]) && html[i] is not '/' and not '>')
        {
            i++;
        }

        var name = html[start..i].ToLowerInvariant();
        var attributes = new List<KeyValuePair<string, string>>();
        var selfClosing = false;
        while (true)
        {
            while (i < html.Length && (IsSpace(html[i]) || html[i] == '/'))
            {
                selfClosing = html[i] == '/';
                i++;
            }

            if (i >= html.Length)
            {
                next = html.Length;
                return null;
            }

            if (html[i] == '>')
            {
                next = i + 1;
                return new Tag(name, attributes, selfClosing);
            }

            selfClosing = false;
            var attributeStart = i;

            // An attribute name may begin with "=" and runs to a space, "/", ">" or "=".
            i++;
            while (i < html.Length && !IsSpace(html[i]) && html[i] is not '/' and not '>' and not '=')
            {
                i++;
            }

            var attributeName = html[attributeStart..i].ToLowerInvariant();
            while (i < html.Length && IsSpace(html[i]))
            {
                i++;
            }

            var value = string.Empty;
            if (i < html.Length && html[i] == '=')
            {
                i++;
                while (i < html.Length && IsSpace(html[i]))
                {
                    i++;
                }

                if (i < html.Length && html[i] is '"' or '\'')
                {
                    var quote = html[i];
                    var close = html.IndexOf(quote, i + 1);
                    if (close < 0)
                    {
                        next = html.Length;
                        return null;
                    }

                    value = html[(i + 1)..close];
                    i = close + 1;
                }
                else
                {
                    var valueStart = i;
                    while (i < html.Length && !IsSpace(html[i]) && html[i] != '>')
                    {
                        i++;
                    }

                    value = html[valueStart..i];
                }
            }

            attributes.Add(new(attributeName, Decode(value)));
        }
    }

    /// <summary>Skips a dropped element's content up to its own end tag (the rest of the input when there is none).</summary>
    private static int SkipContent(string html, int from, string name, bool selfClosing)
    {
        if (selfClosing && name is not "script" and not "style" and not "textarea" and not "title" and not "xmp" and not "iframe" and not "noscript")
        {
            // <svg/> or <object/>: nothing inside. A self-closing <script/> is not a thing in HTML: its content follows.
            return from;
        }

        if (name == "plaintext")
        {
            return html.Length;
        }

        var depth = 1;
        var i = from;
        while (i < html.Length)
        {
            var lt = html.IndexOf('<', i);
            if (lt < 0)
            {
                return html.Length;
            }

            var closing = StartsWith(html, lt, "</" + name) && (lt + 2 + name.Length >= html.Length || !char.IsAsciiLetterOrDigit(html[lt + 2 + name.Length]));
            var opening = StartsWith(html, lt, "<" + name) && (lt + 1 + name.Length >= html.Length || !char.IsAsciiLetterOrDigit(html[lt + 1 + name.Length]));
            if (closing)
            {
                depth--;
                var gt = html.IndexOf('>', lt);
                if (gt < 0)
                {
                    return html.Length;
                }

                if (depth == 0)
                {
                    return gt + 1;
                }

                i = gt + 1;
                continue;
            }

            // Raw-text elements (script, style…) cannot nest; foreign markup (svg, math) and containers can.
            if (opening && name is "svg" or "math" or "object" or "template" or "select" or "noscript")
            {
                depth++;
            }

            i = lt + 1;
        }

        return html.Length;
    }

    private static void AppendText(StringBuilder output, string raw)
    {
        if (raw.Length == 0)
        {
            return;
        }

        foreach (var c in Decode(raw))
        {
            switch (c)
            {
                case '<':
                    output.Append("&lt;");
                    break;
                case '>':
                    output.Append("&gt;");
                    break;
                case '&':
                    output.Append("&amp;");
                    break;
                case '"':
                    output.Append("&quot;");
                    break;
                case '\n' or '\t':
                    output.Append(c);
                    break;
                default:
                    if (!char.IsControl(c))
                    {
                        output.Append(c);
                    }

                    break;
            }
        }
    }

    private static string EncodeAttribute(string value)
    {
        var output = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            output.Append(c switch
            {
                '&' => "&amp;",
                '"' => "&quot;",
                '\'' => "&#39;",
                '<' => "&lt;",
                '>' => "&gt;",
                _ => c.ToString(),
            });
        }

        return output.ToString();
    }

    /// <summary>
    /// Decodes character references as a browser does, including numeric ones without their ";" ("&amp;#106" is "j")
    /// and the few legacy names browsers accept without it. Unknown names stay as typed (they are encoded on output).
    /// </summary>
    public static string Decode(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        if (!raw.Contains('&', StringComparison.Ordinal))
        {
            return raw;
        }

        var output = new StringBuilder(raw.Length);
        var i = 0;
        while (i < raw.Length)
        {
            var c = raw[i];
            if (c != '&')
            {
                output.Append(c);
                i++;
                continue;
            }

            if (i + 1 < raw.Length && raw[i + 1] == '#')
            {
                var hex = i + 2 < raw.Length && raw[i + 2] is 'x' or 'X';
                var start = i + (hex ? 3 : 2);
                var end = start;
                while (end < raw.Length && (hex ? char.IsAsciiHexDigit(raw[end]) : char.IsAsciiDigit(raw[end])))
                {
                    end++;
                }

                if (end > start)
                {
                    var digits = raw[start..Math.Min(end, start + 8)];
                    var ok = int.TryParse(digits, hex ? NumberStyles.HexNumber : NumberStyles.None, CultureInfo.InvariantCulture, out var code);
                    output.Append(ok && code > 0 && code <= 0x10FFFF && (code < 0xD800 || code > 0xDFFF) ? char.ConvertFromUtf32(code) : "\uFFFD");
                    i = end < raw.Length && raw[end] == ';' ? end + 1 : end;
                    continue;
                }
            }
            else
            {
                var end = i + 1;
                while (end < raw.Length && char.IsAsciiLetterOrDigit(raw[end]) && end - i < 32)
                {
                    end++;
                }

                if (end > i + 1)
                {
                    var name = raw[(i + 1)..end];
                    if (end < raw.Length && raw[end] == ';')
                    {
                        var decoded = WebUtility.HtmlDecode("&" + name + ";");
                        if (decoded != "&" + name + ";")
                        {
                            output.Append(decoded);
                            i = end + 1;
                            continue;
                        }

                        var extra = ExtraNamed(name);
                        if (extra is not null)
                        {
                            output.Append(extra);
                            i = end + 1;
                            continue;
                        }
                    }
                    else if (LegacyNoSemicolon(name) is { } legacy)
                    {
                        output.Append(legacy.Text);
                        i += 1 + legacy.Length;
                        continue;
                    }
                }
            }

            output.Append('&');
            i++;
        }

        return output.ToString();
    }

    /// <summary>HTML5 names absent from the BCL's HTML 4 table but used to hide a scheme ("javascript&amp;colon;").</summary>
    private static string? ExtraNamed(string name) => name switch
    {
        "colon" => ":",
        "Tab" => "\t",
        "NewLine" => "\n",
        "lpar" => "(",
        "rpar" => ")",
        "sol" => "/",
        "period" => ".",
        "comma" => ",",
        "semi" => ";",
        "excl" => "!",
        "num" => "#",
        "apos" => "'",
        _ => null,
    };

    private static (string Text, int Length)? LegacyNoSemicolon(string name)
    {
        foreach (var (legacy, text) in new[] { ("amp", "&"), ("lt", "<"), ("gt", ">"), ("quot", "\""), ("nbsp", "\u00A0"), ("AMP", "&"), ("LT", "<"), ("GT", ">") })
        {
            if (name.StartsWith(legacy, StringComparison.Ordinal))
            {
                return (text, legacy.Length);
            }
        }

        return null;
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f';

    private static bool StartsWith(string html, int at, string prefix) => at + prefix.Length <= html.Length && string.Compare(html, at, prefix, 0, prefix.Length, StringComparison.OrdinalIgnoreCase) == 0;
}
