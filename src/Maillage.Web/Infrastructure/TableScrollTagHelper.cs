using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Maillage.Web.Infrastructure;

/// <summary>
/// Puts every data table in a box that scrolls sideways on its own, so that a wide table on a phone never makes the
/// whole page scroll (WCAG 1.4.10, reflow): the page keeps its width and only the table moves.
/// </summary>
[HtmlTargetElement("table", Attributes = "[class^=data]")]
public sealed class TableScrollTagHelper : TagHelper
{
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.PreElement.SetHtmlContent("<div class=\"table-scroll\">");
        output.PostElement.SetHtmlContent("</div>");
    }
}
