using System.Security.Cryptography;
using Maillage.Domain.Common;

namespace Maillage.Domain.Offers;

/// <summary>
/// A picture of an offer, kept in the database (every app instance serves the same bytes). Only what
/// <see cref="ImageInspector"/> recognises from the bytes is accepted; the content type served is the detected one.
/// </summary>
public sealed class OfferImage
{
    public const int MaxPerOffer = 6;
    public const int AltTextMax = 200;
    public const long DefaultMaxBytes = 2 * 1024 * 1024;

    private OfferImage()
    {
    }

    private OfferImage(Guid offerId, byte[] content, ImageInfo info, string altText, int position, DateTime now)
    {
        Id = Guid.NewGuid();
        OfferId = offerId;
        Content = content;
        Format = info.Format;
        Width = info.Width;
        Height = info.Height;
        Length = content.Length;
        Hash = Convert.ToHexStringLower(SHA256.HashData(content))[..32];
        AltText = altText;
        Position = position;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }

    public Guid OfferId { get; private set; }

    public byte[] Content { get; private set; } = [];

    public ImageFormat Format { get; private set; }

    public int Width { get; private set; }

    public int Height { get; private set; }

    public int Length { get; private set; }

    /// <summary>Content hash, used as the HTTP entity tag.</summary>
    public string Hash { get; private set; } = string.Empty;

    /// <summary>What the picture shows, for people who cannot see it.</summary>
    public string AltText { get; private set; } = string.Empty;

    /// <summary>0 is the main picture (search thumbnail, first in JSON-LD).</summary>
    public int Position { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public string ContentType => new ImageInfo(Format, Width, Height).ContentType;

    /// <summary>
    /// Checks an upload: the offer's image count, the size limit, the real type and pixel size from the bytes, the alt
    /// text. Every problem is reported at once (field "File" or "AltText"); no image is made unless all pass.
    /// </summary>
    public static (OfferImage? Image, IReadOnlyList<ValidationError> Errors) Create(
        Guid offerId, byte[]? content, string? altText, int existingImages, long maxBytes, DateTime now)
    {
        var errors = new ValidationErrors();
        if (existingImages >= MaxPerOffer)
        {
            errors.Add("File", "ImageLimit", MaxPerOffer);
        }

        ImageInfo? info = null;
        if (content is null || content.Length == 0)
        {
            errors.Add("File", ValidationCodes.Required);
        }
        else if (content.Length > maxBytes)
        {
            errors.Add("File", "ImageTooLarge", maxBytes, Math.Round(maxBytes / 1048576.0, 1));
        }
        else
        {
            var (image, problem) = ImageInspector.Inspect(content);
            if (problem is not null)
            {
                errors.Add("File", problem, ImageInspector.MaxSide);
            }

            info = image;
        }

        errors.Length("AltText", altText, 3, AltTextMax);
        if (!errors.IsValid || info is null)
        {
            return (null, errors.Items);
        }

        return (new OfferImage(offerId, content!, info, altText!.Trim(), existingImages, now), []);
    }

    public void EditAltText(string altText)
    {
        var errors = new ValidationErrors();
        errors.Length("AltText", altText, 3, AltTextMax);
        if (!errors.IsValid)
        {
            throw new DomainException(errors.Items[0].Code, "AltText");
        }

        AltText = altText.Trim();
    }

    public void MoveTo(int position) => Position = position;

    /// <summary>Puts <paramref name="moved"/> one place earlier or later and renumbers the offer's images 0, 1, 2…</summary>
    public static void Reorder(IList<OfferImage> images, Guid moved, int delta)
    {
        ArgumentNullException.ThrowIfNull(images);
        var ordered = images.OrderBy(i => i.Position).ThenBy(i => i.CreatedAt).ToList();
        var index = ordered.FindIndex(i => i.Id == moved);
        if (index >= 0)
        {
            var target = Math.Clamp(index + delta, 0, ordered.Count - 1);
            var image = ordered[index];
            ordered.RemoveAt(index);
            ordered.Insert(target, image);
        }

        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].MoveTo(i);
        }
    }
}
