using System.Text;
using System.Text.RegularExpressions;
using Maillage.Domain.Communication;

namespace Maillage.Domain.Tests.Communication;

public sealed partial class HtmlSanitizerTests
{
    /// <summary>Our own examples of the classes of the OWASP XSS filter-evasion cheat sheet.</summary>
    public static readonly TheoryData<string> Hostile = new()
    {
        "<script>alert('x')</script>Bonjour",
        "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
        "<scr<script>ipt>alert(1)</script>",
        "<script/xss src=//evil.example/a.js></script>",
        "<<script>alert(1);//<</script>",
        "<img src=x onerror=alert(1)>",
        "<IMG SRC=\"jav\tascript:alert('XSS');\">",
        "<a href=\"javascript:alert(1)\">clic</a>",
        "<a href=\"JaVaScRiPt:alert(1)\">clic</a>",
        "<a href=\"jav&#x61;script:alert(1)\">entité hexa</a>",
        "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">décimal</a>",
        "<a href=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)\">sans point-virgule</a>",
        "<a href=\"&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(1)\">hexa sans point-virgule</a>",
        "<a href=\"javascript&colon;alert(1)\">colon nommé</a>",
        "<a href=\" &#14;  javascript:alert(1)\">espaces de tête</a>",
        "<a href=\"java\nscript:alert(1)\">saut de ligne</a>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">data</a>",
        "<a href=\"vbscript:msgbox(1)\">vb</a>",
        "<a href=//evil.example>relatif au protocole</a>",
        "<p onclick=\"alert(1)\" style=\"x:expression(alert(1))\">texte</p>",
        "<p/onmouseover=alert(1)>x</p>",
        "<p\nonmouseover=alert(1)>x</p>",
        "<strong \"\" onfocus=alert(1) autofocus>gras</strong>",
        "<a href=\"https://ok.example\" onmouseover=\"alert(1)\">lien</a>",
        "<a href=\"https://ok.example\"\"onmouseover=alert(1)//\">double guillemet</a>",
        "<svg onload=alert(1)><script>alert(2)</script></svg>",
        "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<iframe srcdoc=\"&lt;script&gt;alert(1)&lt;/script&gt;\"></iframe>",
        "<object data=\"javascript:alert(1)\"></object><embed src=x>",
        "<style>@import 'https://evil.example/x.css';</style>texte",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<body onload=alert(1)>",
        "<input autofocus onfocus=alert(1)>",
        "<details open ontoggle=alert(1)>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<base href=\"javascript:alert(1)//\">",
        "<link rel=stylesheet href=\"javascript:alert(1)\">",
        "<!--<script>alert(1)</script>--><p>ok</p>",
        "<!--[if gte IE 4]><script>alert(1)</script><![endif]-->",
        "<![CDATA[<script>alert(1)</script>]]>",
        "<p>non fermé <script",
        "<a href=\"https://ok.example\" title='x",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "&#60;script&#62;alert(1)&#60;/script&#62;",
        "<p>a</p></p></p><p><p><p><em><strong>imbriqués</em></strong>",
        "<a href=\"https://a.example\"><a href=\"javascript:alert(1)\">lien dans lien</a></a>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
        "<template><script>alert(1)</script></template>",
        "<textarea><script>alert(1)</script></textarea>",
        "<title><script>alert(1)</script></title>",
        "<xmp><script>alert(1)</script></xmp>",
        "<plaintext><script>alert(1)</script>",
        "<ScRiPt >alert(1)</ScRiPt >",
        "<script>/*</script><script>*/alert(1)</script>",
        "<a href=\"mailto:x@example.ch\" onclick=alert(1)>écrire</a>",
        "<a href=\"https://ok.example/?q=<script>alert(1)</script>\">requête</a>",
        "<a href=\"https://ok.example/\" style=\"position:fixed;top:0\">clickjacking</a>",
        "<form action=\"javascript:alert(1)\"><button>go</button></form>",
        "<video><source onerror=\"alert(1)\"></video>",
        "<marquee onstart=alert(1)>x</marquee>",
        "<a href=\"\u0001javascript:alert(1)\">caractère de contrôle</a>",
        "<a href=\"java&Tab;script:alert(1)\">tabulation nommée</a>",
        "<a href=\"jav&NewLine;ascript:alert(1)\">saut nommé</a>",
        "<a href=javascript:alert(1)>sans guillemets</a>",
        "<a href = 'javascript:alert(1)'>espaces et apostrophes</a>",
        "<img src=`javascript:alert(1)`>",
        "<<p>>double chevron</p>",
        "\"><script>alert(1)</script>",
        "'';!--\"<XSS>=&{()}",
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Hostile_input_comes_out_harmless_and_well_formed(string input)
    {
        var output = HtmlSanitizer.Sanitize(input);

        AssertHarmless(output);
    }

    [Fact]
    public void Allowed_markup_survives_and_is_rebuilt_cleanly()
    {
        var output = HtmlSanitizer.Sanitize("<P CLASS=intro>Bonjour <B>à tous</B> &amp; <i>bienvenue</i><br/>suite</P><ul><li>un<li>deux</ul><blockquote>citation</blockquote>");

        output.ShouldBe("<p>Bonjour <strong>à tous</strong> &amp; <em>bienvenue</em><br>suite</p><ul><li>un</li><li>deux</li></ul><blockquote>citation</blockquote>");
    }

    [Fact]
    public void Good_links_keep_their_address_and_get_a_safe_rel()
    {
        HtmlSanitizer.Sanitize("<a href=\"https://apres-ge.example/agenda?x=1&amp;y=2\" target=_blank>agenda</a>")
            .ShouldBe("<a href=\"https://apres-ge.example/agenda?x=1&amp;y=2\" rel=\"nofollow noopener noreferrer\">agenda</a>");
        HtmlSanitizer.Sanitize("<a href=\"mailto:info@apres-ge.example\">écrire</a>").ShouldContain("href=\"mailto:info@apres-ge.example\"");
    }

    [Fact]
    public void Entity_tricks_are_judged_on_what_the_browser_would_see()
    {
        HtmlSanitizer.Sanitize("<a href=\"jav&#x61;script:alert(1)\">x</a>").ShouldBe("x");
        HtmlSanitizer.Sanitize("<a href=\"&#104;ttps://ok.example/\">x</a>").ShouldBe("<a href=\"https://ok.example/\" rel=\"nofollow noopener noreferrer\">x</a>");
        HtmlSanitizer.Sanitize("&lt;script&gt;").ShouldBe("&lt;script&gt;");
    }

    [Fact]
    public void Scripts_and_styles_lose_their_content_other_tags_keep_their_text()
    {
        HtmlSanitizer.Sanitize("<p>avant<script>alert(1)</script>après</p>").ShouldBe("<p>avantaprès</p>");
        HtmlSanitizer.Sanitize("<div><span>garde</span> le texte</div>").ShouldBe("garde le texte");
        HtmlSanitizer.Sanitize("1 < 2 et 3 > 2").ShouldBe("1 &lt; 2 et 3 &gt; 2");
    }

    [Fact]
    public void Plain_text_reads_the_blocks()
    {
        HtmlSanitizer.PlainText(HtmlSanitizer.Sanitize("<p>Un &amp; deux</p><ul><li>a</li><li>b</li></ul>")).ShouldBe("Un & deux\n\n• a\n• b");
    }

    [Fact]
    public void Random_soup_of_dangerous_pieces_never_gets_through()
    {
        string[] pieces =
        [
            "<", ">", "/", "\"", "'", "=", " ", "\n", "\t", "&", "#", ";", "x", "&#x61;", "&#106", "&colon;", "&lt;", "&gt;", "&amp;",
            "script", "SCRIPT", "style", "svg", "math", "iframe", "img", "a", "p", "li", "ul", "em", "strong", "br", "blockquote",
            "href", "src", "onerror", "onclick", "OnLoad", "javascript:", "java", "script:", "data:", "https://ok.example/", "mailto:x@y.ch",
            "alert(1)", "<!--", "-->", "<!", "]]>", "`", "\u0000", "\u000E", "é",
        ];
        for (var seed = 0; seed < 3000; seed++)
        {
            var random = new Random(seed);
            var soup = new StringBuilder();
            var length = random.Next(1, 60);
            for (var k = 0; k < length; k++)
            {
                soup.Append(pieces[random.Next(pieces.Length)]);
            }

            var output = HtmlSanitizer.Sanitize(soup.ToString());
            AssertHarmless(output, $"seed {seed}: {soup}");

            // Sanitising is stable: what is kept is kept as is.
            HtmlSanitizer.Sanitize(output).ShouldBe(output, $"seed {seed}");
        }
    }

    private static void AssertHarmless(string output, string? context = null)
    {
        output.ShouldNotContain("<script", Case.Insensitive, context);
        foreach (Match tag in AnyTag().Matches(output))
        {
            // "javascript:" typed as text is harmless; inside a tag it is not.
            tag.Value.ShouldNotContain("javascript:", Case.Insensitive, context);
            tag.Value.ShouldNotContain("data:", Case.Insensitive, context);
            EventHandler().IsMatch(tag.Value).ShouldBeFalse($"event handler in {output} ({context})");
        }

        // Every tag is one of the allowed ones, written the way we write them; every element is closed in order.
        var stack = new Stack<string>();
        foreach (Match m in AnyTag().Matches(output))
        {
            var tag = m.Value;
            var exact = ExactTag().Match(tag);
            exact.Success.ShouldBeTrue($"unexpected tag {tag} in {output} ({context})");
            var name = exact.Groups["name"].Value;
            if (tag.StartsWith("</", StringComparison.Ordinal))
            {
                stack.Count.ShouldBeGreaterThan(0, $"{tag} closes nothing in {output} ({context})");
                stack.Pop().ShouldBe(name, $"misnested in {output} ({context})");
            }
            else if (name != "br")
            {
                stack.Push(name);
            }
        }

        stack.ShouldBeEmpty($"unclosed in {output} ({context})");

        // Outside tags, no raw markup character remains.
        AnyTag().Replace(output, string.Empty).IndexOfAny(['<', '>', '"']).ShouldBe(-1, $"raw markup in {output} ({context})");
    }

    [GeneratedRegex(@"\son[a-z]*\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandler();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex AnyTag();

    [GeneratedRegex("^(<(?<name>p|br|strong|em|ul|ol|li|blockquote)>|</(?<name>p|strong|em|ul|ol|li|blockquote|a)>|<(?<name>a) href=\"(https?://|mailto:)[^\"<>]*\" rel=\"nofollow noopener noreferrer\">)$")]
    private static partial Regex ExactTag();
}
