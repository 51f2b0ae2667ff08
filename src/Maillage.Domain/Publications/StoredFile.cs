using System.Security.Cryptography;
using System.Text;
using Maillage.Domain.Common;
using Maillage.Domain.Offers;

namespace Maillage.Domain.Publications;

public enum StoredFileKind
{
    Image = 1,
    Pdf = 2,
}

/// <summary>
/// An image or a PDF attached to a news item or a practice sheet, kept in the database (every app instance serves the
/// same bytes). The type is read from the bytes, never from the name or the browser; the type served is the detected one.
/// </summary>
public sealed class StoredFile
{
    public const long DefaultImageMaxBytes = OfferImage.DefaultMaxBytes;
    public const long DefaultPdfMaxBytes = 10 * 1024 * 1024;

    private StoredFile()
    {
    }

    public Guid Id { get; private set; }

    public Guid ChamberId { get; private set; }

    public StoredFileKind Kind { get; private set; }

    public string ContentType { get; private set; } = string.Empty;

    public byte[] Content { get; private set; } = [];

    public int Length { get; private set; }

    /// <summary>Content hash, used as the HTTP entity tag.</summary>
    public string Hash { get; private set; } = string.Empty;

    public int Width { get; private set; }

    public int Height { get; private set; }

    public DateTime CreatedAt { get; private set; }

    /// <summary>A JPEG, PNG or WebP within <paramref name="maxBytes"/>, or the problems (field "Image").</summary>
    public static (StoredFile? File, IReadOnlyList<ValidationError> Errors) Image(Guid chamberId, byte[]? content, long maxBytes, DateTime now)
    {
        var errors = new ValidationErrors();
        if (content is null || content.Length == 0)
        {
            errors.Add("Image", ValidationCodes.Required);
            return (null, errors.Items);
        }

        if (content.Length > maxBytes)
        {
            errors.Add("Image", "ImageTooLarge", maxBytes, Math.Round(maxBytes / 1048576.0, 1));
            return (null, errors.Items);
        }

        var (info, problem) = ImageInspector.Inspect(content);
        if (info is null)
        {
            errors.Add("Image", problem ?? ImageProblems.NotAnImage, ImageInspector.MaxSide);
            return (null, errors.Items);
        }

        return (New(chamberId, StoredFileKind.Image, info.ContentType, content, info.Width, info.Height, now), []);
    }

    /// <summary>A PDF within <paramref name="maxBytes"/> (checked by <see cref="PdfInspector"/>), or the problems (field "Document").</summary>
    public static (StoredFile? File, IReadOnlyList<ValidationError> Errors) Pdf(Guid chamberId, byte[]? content, long maxBytes, DateTime now)
    {
        var errors = new ValidationErrors();
        if (content is null || content.Length == 0)
        {
            errors.Add("Document", ValidationCodes.Required);
        }
        else if (content.Length > maxBytes)
        {
            errors.Add("Document", "PdfTooLarge", Math.Round(maxBytes / 1048576.0, 1));
        }
        else if (!PdfInspector.LooksWhole(content))
        {
            errors.Add("Document", "NotAPdf");
        }

        return errors.IsValid ? (New(chamberId, StoredFileKind.Pdf, "application/pdf", content!, 0, 0, now), []) : (null, errors.Items);
    }

    private static StoredFile New(Guid chamberId, StoredFileKind kind, string contentType, byte[] content, int width, int height, DateTime now) => new()
    {
        Id = Guid.NewGuid(),
        ChamberId = chamberId,
        Kind = kind,
        ContentType = contentType,
        Content = content,
        Length = content.Length,
        Hash = Convert.ToHexStringLower(SHA256.HashData(content))[..32],
        Width = width,
        Height = height,
        CreatedAt = now,
    };
}

/// <summary>Whether bytes are a PDF: the "%PDF-1.x" or "%PDF-2.0" header at the start and an "%%EOF" marker near the end.</summary>
public static class PdfInspector
{
    public static bool LooksWhole(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 16 || !bytes.StartsWith("%PDF-"u8) || !char.IsAsciiDigit((char)bytes[5]) || bytes[6] != (byte)'.' || !char.IsAsciiDigit((char)bytes[7]))
        {
            return false;
        }

        // Writers may add a line end or a little padding after the final marker; a cut file has none.
        var tail = bytes[Math.Max(0, bytes.Length - 1024)..];
        return tail.IndexOf("%%EOF"u8) >= 0;
    }

    /// <summary>A minimal valid PDF page with one line of text (demo data and tests).</summary>
    public static byte[] Minimal(string title)
    {
        var safe = new string((title ?? string.Empty).Where(c => c is >= ' ' and < '\u007F' and not '(' and not ')' and not '\\').ToArray());
        var stream = $"BT /F1 18 Tf 50 780 Td ({safe}) Tj ET";
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            $"<< /Length {stream.Length} >>\nstream\n{stream}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        };
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(i + 1).Append(" 0 obj\n").Append(objects[i]).Append("\nendobj\n");
        }

        var xref = pdf.Length;
        pdf.Append("xref\n0 ").Append(objects.Length + 1).Append("\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(offset.ToString("D10", System.Globalization.CultureInfo.InvariantCulture)).Append(" 00000 n \n");
        }

        pdf.Append("trailer\n<< /Size ").Append(objects.Length + 1).Append(" /Root 1 0 R >>\nstartxref\n").Append(xref).Append("\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }
}
