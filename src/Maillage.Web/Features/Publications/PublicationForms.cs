using Maillage.Domain.Common;
using Maillage.Domain.Offers;
using Maillage.Domain.Publications;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Maillage.Web.Features.Publications;

/// <summary>What the news form sends.</summary>
public sealed class NewsForm
{
    public string? Title { get; set; }

    public string? Body { get; set; }

    public string? Link { get; set; }

    public IFormFile? Image { get; set; }

    public string? ImageAlt { get; set; }

    public bool RemoveImage { get; set; }

    public NewsDraft ToDraft() => new(Title, Body, Link, ImageAlt);

    public static NewsForm From(NewsItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new NewsForm { Title = item.Title, Body = item.BodyHtml, Link = item.Link, ImageAlt = item.ImageAlt };
    }
}

/// <summary>What the practice-sheet form sends.</summary>
public sealed class PracticeForm
{
    public PracticeKind Kind { get; set; }

    public string? Title { get; set; }

    public string? Problem { get; set; }

    public string? Actions { get; set; }

    public string? Results { get; set; }

    public string? Contact { get; set; }

    public List<string> Themes { get; set; } = [];

    public List<string> Sectors { get; set; } = [];

    public List<Guid> Organisations { get; set; } = [];

    public Guid? EventId { get; set; }

    public string? Link { get; set; }

    public IFormFile? Image { get; set; }

    public string? ImageAlt { get; set; }

    public bool RemoveImage { get; set; }

    public IFormFile? Document { get; set; }

    public PracticeDraft ToDraft() => new(Title, Problem, Actions, Results, Contact, Themes, Sectors, Organisations, EventId, Link, ImageAlt);

    public static PracticeForm From(PracticeSheet sheet)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        return new PracticeForm
        {
            Kind = sheet.Kind,
            Title = sheet.Title,
            Problem = sheet.Problem,
            Actions = sheet.Actions,
            Results = sheet.Results,
            Contact = sheet.Contact,
            Themes = [.. sheet.ThemeList],
            Sectors = [.. sheet.SectorList],
            Organisations = [.. sheet.OrganisationList],
            EventId = sheet.EventId,
            Link = sheet.Link,
            ImageAlt = sheet.ImageAlt,
        };
    }
}

public static class PublicationText
{
    private static readonly HashSet<string> ImageCodes = [ImageProblems.NotAnImage, ImageProblems.Damaged, ImageProblems.Dimensions, "ImageTooLarge"];

    /// <summary>Puts the domain's errors next to the form's fields ("Input.Title"), in the person's language.</summary>
    public static void AddErrors(ModelStateDictionary modelState, IEnumerable<ValidationError> errors, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var error in errors)
        {
            modelState.AddModelError("Input." + error.Field, Message(l, error));
        }
    }

    public static string Message(IStringLocalizer l, ValidationError error)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(error);
        if (ImageCodes.Contains(error.Code))
        {
            return l["OfferImage.Error." + error.Code, error.Arguments];
        }

        return error.Code is "PdfTooLarge" or "NotAPdf" ? l["Publications.Error." + error.Code, error.Arguments] : l.Message(error);
    }

    public static string State(IStringLocalizer l, ModerationState state) => l["Publications.State." + state];

    public static string Theme(string code) => PracticeThemes.Find(code) is { } t ? (Display.IsEnglish ? t.LabelEn : t.Label) : code;

    /// <summary>Plain text with blank-line paragraphs, as paragraphs (encoded by Razor).</summary>
    public static IEnumerable<string> Paragraphs(string? text) =>
        (text ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
