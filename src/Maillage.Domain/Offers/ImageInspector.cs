using System.Buffers.Binary;

namespace Maillage.Domain.Offers;

public enum ImageFormat
{
    Jpeg = 1,
    Png = 2,
    WebP = 3,
}

public sealed record ImageInfo(ImageFormat Format, int Width, int Height)
{
    public string ContentType => Format switch
    {
        ImageFormat.Jpeg => "image/jpeg",
        ImageFormat.Png => "image/png",
        _ => "image/webp",
    };
}

/// <summary>Why a file is not accepted as an offer image (stable codes the web layer translates).</summary>
public static class ImageProblems
{
    /// <summary>Not JPEG, PNG or WebP by its bytes (text, SVG, GIF, PDF… whatever its name says).</summary>
    public const string NotAnImage = "ImageNotSupported";

    /// <summary>Starts like an image but its structure is cut short or broken.</summary>
    public const string Damaged = "ImageDamaged";

    /// <summary>Pixel dimensions outside what a photo of a product can be.</summary>
    public const string Dimensions = "ImageDimensions";
}

/// <summary>
/// Reads what an uploaded file really is from its bytes (magic numbers and headers), never from its name or the
/// browser's content type: JPEG, PNG or WebP, with its pixel size, and whether it is whole (a PNG walks to its IEND
/// chunk, a JPEG has its segments and ends with EOI, a WebP's RIFF size matches the file).
/// </summary>
public static class ImageInspector
{
    public const int MaxSide = 12_000;
    public const long MaxPixels = 50_000_000;

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static (ImageInfo? Image, string? Problem) Inspect(ReadOnlySpan<byte> bytes)
    {
        (ImageInfo? Image, string? Problem) result;
        if (bytes.StartsWith(PngSignature))
        {
            result = Png(bytes);
        }
        else if (bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF)
        {
            result = Jpeg(bytes);
        }
        else if (bytes.Length >= 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8))
        {
            result = WebP(bytes);
        }
        else
        {
            return (null, ImageProblems.NotAnImage);
        }

        if (result.Image is { } image && (image.Width is < 1 or > MaxSide || image.Height is < 1 or > MaxSide || (long)image.Width * image.Height > MaxPixels))
        {
            return (null, ImageProblems.Dimensions);
        }

        return result;
    }

    private static (ImageInfo?, string?) Png(ReadOnlySpan<byte> bytes)
    {
        var position = PngSignature.Length;
        int width = 0, height = 0;
        var sawHeader = false;
        var sawData = false;
        while (true)
        {
            if (position + 12 > bytes.Length)
            {
                return (null, ImageProblems.Damaged);
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(bytes[position..]);
            var type = bytes.Slice(position + 4, 4);
            if (length > int.MaxValue || position + 12 + (long)length > bytes.Length)
            {
                return (null, ImageProblems.Damaged);
            }

            var data = bytes.Slice(position + 8, (int)length);
            if (!sawHeader)
            {
                if (!type.SequenceEqual("IHDR"u8) || length != 13)
                {
                    return (null, ImageProblems.Damaged);
                }

                width = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(data), int.MaxValue);
                height = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(data[4..]), int.MaxValue);
                sawHeader = true;
            }
            else if (type.SequenceEqual("IDAT"u8))
            {
                sawData = true;
            }
            else if (type.SequenceEqual("IEND"u8))
            {
                return sawData ? (new ImageInfo(ImageFormat.Png, width, height), null) : (null, ImageProblems.Damaged);
            }

            position += 12 + (int)length;
        }
    }

    private static (ImageInfo?, string?) Jpeg(ReadOnlySpan<byte> bytes)
    {
        // A whole JPEG ends with its EOI marker (some cameras add a few padding bytes after it).
        var tail = bytes[Math.Max(0, bytes.Length - 16)..];
        if (tail.LastIndexOf((byte)0xD9) is var eoi && (eoi < 1 || tail[eoi - 1] != 0xFF))
        {
            return (null, ImageProblems.Damaged);
        }

        var position = 2;
        int? width = null, height = null;
        while (position + 4 <= bytes.Length)
        {
            if (bytes[position] != 0xFF)
            {
                return (null, ImageProblems.Damaged);
            }

            var marker = bytes[position + 1];
            if (marker == 0xFF)
            {
                position++;
                continue;
            }

            if (marker is >= 0xD0 and <= 0xD7 or 0x01)
            {
                position += 2;
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(bytes[(position + 2)..]);
            if (length < 2 || position + 2 + length > bytes.Length)
            {
                return (null, ImageProblems.Damaged);
            }

            var isFrame = marker is >= 0xC0 and <= 0xCF && marker is not (0xC4 or 0xC8 or 0xCC);
            if (isFrame)
            {
                if (length < 7)
                {
                    return (null, ImageProblems.Damaged);
                }

                height = BinaryPrimitives.ReadUInt16BigEndian(bytes[(position + 5)..]);
                width = BinaryPrimitives.ReadUInt16BigEndian(bytes[(position + 7)..]);
            }

            if (marker == 0xDA)
            {
                // Start of scan: the compressed data follows; the frame header must have come before.
                return width is { } w && height is { } h ? (new ImageInfo(ImageFormat.Jpeg, w, h), null) : (null, ImageProblems.Damaged);
            }

            position += 2 + length;
        }

        return (null, ImageProblems.Damaged);
    }

    private static (ImageInfo?, string?) WebP(ReadOnlySpan<byte> bytes)
    {
        var riffSize = BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..]);
        if (riffSize + 8L != bytes.Length || bytes.Length < 20)
        {
            return (null, ImageProblems.Damaged);
        }

        ImageInfo? image = null;
        var position = 12;
        while (position < bytes.Length)
        {
            if (position + 8 > bytes.Length)
            {
                return (null, ImageProblems.Damaged);
            }

            var type = bytes.Slice(position, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(bytes[(position + 4)..]);
            if (position + 8L + size > bytes.Length)
            {
                return (null, ImageProblems.Damaged);
            }

            var data = bytes.Slice(position + 8, (int)size);
            if (image is null)
            {
                if (type.SequenceEqual("VP8 "u8))
                {
                    if (data.Length < 10 || data[3] != 0x9D || data[4] != 0x01 || data[5] != 0x2A)
                    {
                        return (null, ImageProblems.Damaged);
                    }

                    image = new ImageInfo(ImageFormat.WebP, BinaryPrimitives.ReadUInt16LittleEndian(data[6..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(data[8..]) & 0x3FFF);
                }
                else if (type.SequenceEqual("VP8L"u8))
                {
                    if (data.Length < 5 || data[0] != 0x2F)
                    {
                        return (null, ImageProblems.Damaged);
                    }

                    var bits = BinaryPrimitives.ReadUInt32LittleEndian(data[1..]);
                    image = new ImageInfo(ImageFormat.WebP, (int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1);
                }
                else if (type.SequenceEqual("VP8X"u8))
                {
                    if (data.Length < 10)
                    {
                        return (null, ImageProblems.Damaged);
                    }

                    image = new ImageInfo(ImageFormat.WebP, 1 + (data[4] | (data[5] << 8) | (data[6] << 16)), 1 + (data[7] | (data[8] << 8) | (data[9] << 16)));
                }
                else
                {
                    return (null, ImageProblems.Damaged);
                }
            }

            // Chunks are padded to an even size.
            position += 8 + (int)size + (int)(size & 1);
        }

        return image is null ? (null, ImageProblems.Damaged) : (image, null);
    }
}
