using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Maillage.Web.Infrastructure;

/// <summary>
/// A labelled form field with its hint and its error beside it, wired for screen readers (aria-describedby,
/// aria-invalid) and keeping what the person typed when the form comes back with errors.
/// Usage: &lt;m-field asp-for="Input.Name" label="Nom" type="text" required /&gt;.
/// </summary>
[HtmlTargetElement("m-field", TagStructure = TagStructure.WithoutEndTag)]
[HtmlTargetElement("m-select", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldTagHelper(HtmlEncoder encoder) : TagHelper
{
    [HtmlAttributeName("asp-for")]
    public ModelExpression For { get; set; } = null!;

    public string Label { get; set; } = string.Empty;

    public string? Hint { get; set; }

    /// <summary>text, email, tel, url, number, password, textarea, date.</summary>
    public string Type { get; set; } = "text";

    public bool Required { get; set; }

    public string? Autocomplete { get; set; }

    public int? MaxLength { get; set; }

    /// <summary>The id of a datalist whose options the browser suggests while typing.</summary>
    public string? List { get; set; }

    public int Rows { get; set; } = 5;

    /// <summary>For m-select: the choices.</summary>
    public IEnumerable<SelectListItem>? Items { get; set; }

    /// <summary>Shown but not changeable: an input is read-only, a list offers only its current choice (both still post their value).</summary>
    public bool Locked { get; set; }

    [HtmlAttributeNotBound]
    [ViewContext]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        var id = TagBuilder.CreateSanitizedId(name, "_");
        var state = ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) ? entry : null;
        var errors = state?.Errors.Select(e => e.ErrorMessage).Where(m => !string.IsNullOrEmpty(m)).ToList() ?? [];
        var value = state?.AttemptedValue ?? FormatModel(For.Model);

        var describedBy = new List<string>();
        var html = new System.Text.StringBuilder();
        html.Append("<label for=\"").Append(id).Append("\">").Append(encoder.Encode(Label));
        if (Required)
        {
            html.Append(" <span class=\"required\" aria-hidden=\"true\">*</span>");
        }

        html.Append("</label>");
        if (!string.IsNullOrEmpty(Hint))
        {
            describedBy.Add(id + "-hint");
            html.Append("<p class=\"hint\" id=\"").Append(id).Append("-hint\">").Append(encoder.Encode(Hint)).Append("</p>");
        }

        if (errors.Count > 0)
        {
            describedBy.Add(id + "-error");
        }

        var common = new System.Text.StringBuilder();
        common.Append(" id=\"").Append(id).Append("\" name=\"").Append(encoder.Encode(name)).Append('"');
        if (Required)
        {
            common.Append(" required aria-required=\"true\"");
        }

        if (errors.Count > 0)
        {
            common.Append(" aria-invalid=\"true\"");
        }

        if (describedBy.Count > 0)
        {
            common.Append(" aria-describedby=\"").Append(string.Join(' ', describedBy)).Append('"');
        }

        if (!string.IsNullOrEmpty(Autocomplete))
        {
            common.Append(" autocomplete=\"").Append(encoder.Encode(Autocomplete)).Append('"');
        }

        if (!string.IsNullOrEmpty(List))
        {
            common.Append(" list=\"").Append(encoder.Encode(List)).Append('"');
        }

        if (Locked && context.TagName != "m-select")
        {
            common.Append(" readonly aria-readonly=\"true\"");
        }

        if (MaxLength is { } max)
        {
            common.Append(" maxlength=\"").Append(max.ToString(CultureInfo.InvariantCulture)).Append('"');
        }

        if (context.TagName == "m-select")
        {
            html.Append("<select").Append(common).Append('>');
            foreach (var item in Items ?? [])
            {
                var selected = string.Equals(item.Value, value, StringComparison.Ordinal);
                if (Locked && !selected)
                {
                    continue;
                }

                html.Append("<option value=\"").Append(encoder.Encode(item.Value ?? string.Empty)).Append('"')
                    .Append(selected ? " selected" : string.Empty).Append('>')
                    .Append(encoder.Encode(item.Text)).Append("</option>");
            }

            html.Append("</select>");
        }
        else if (Type == "textarea")
        {
            html.Append("<textarea").Append(common).Append(" rows=\"").Append(Rows.ToString(CultureInfo.InvariantCulture)).Append("\">")
                .Append(encoder.Encode(value ?? string.Empty)).Append("</textarea>");
        }
        else
        {
            html.Append("<input type=\"").Append(encoder.Encode(Type)).Append('"').Append(common);
            if (Type != "password")
            {
                html.Append(" value=\"").Append(encoder.Encode(value ?? string.Empty)).Append('"');
            }

            html.Append('>');
        }

        foreach (var error in errors)
        {
            html.Append("<p class=\"field-error\" id=\"").Append(id).Append("-error\">").Append(encoder.Encode(error)).Append("</p>");
        }

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", errors.Count > 0 ? "field has-error" : "field");
        output.Content.SetHtmlContent(html.ToString());
    }

    private static string? FormatModel(object? model) => model switch
    {
        null => null,
        Enum e => e.ToString(),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.CurrentCulture),
        _ => model.ToString(),
    };
}
