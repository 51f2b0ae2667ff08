using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Maillage.Domain.Tests.Offers;

/// <summary>
/// Tiny but complete images written byte by byte (no image library here), so tests upload real files: a PNG of
/// any size, an 8×8 grey baseline JPEG, a 1×1 lossless WebP; and a PNG with filler to reach a given file size.
/// </summary>
public static class TestImages
{
    public static byte[] Png(int width, int height, int fillerBytes = 0)
    {
        using var file = new MemoryStream();
        file.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bits per sample
        header[9] = 2; // RGB
        Chunk(file, "IHDR", header);
        if (fillerBytes > 0)
        {
            // A private ancillary chunk: decoders skip it, the file grows.
            var filler = new byte[fillerBytes];
            new Random(fillerBytes).NextBytes(filler);
            Chunk(file, "maIl", filler);
        }

        using var pixels = new MemoryStream();
        using (var zlib = new ZLibStream(pixels, CompressionLevel.Optimal, leaveOpen: true))
        {
            var row = new byte[1 + (width * 3)];
            for (var x = 0; x < width; x++)
            {
                row[1 + (x * 3)] = 0x2E;
                row[2 + (x * 3)] = 0x7D;
                row[3 + (x * 3)] = 0x32;
            }

            for (var y = 0; y < height; y++)
            {
                zlib.Write(row);
            }
        }

        Chunk(file, "IDAT", pixels.ToArray());
        Chunk(file, "IEND", []);
        return file.ToArray();
    }

    /// <summary>A baseline JPEG, 8×8, one grey block: quantisation table, frame, two one-symbol Huffman tables, one scan.</summary>
    public static byte[] Jpeg()
    {
        var bytes = new List<byte> { 0xFF, 0xD8 };
        bytes.AddRange([0xFF, 0xDB, 0x00, 0x43, 0x00]);
        bytes.AddRange(Enumerable.Repeat((byte)1, 64));
        bytes.AddRange([0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 0x08, 0x00, 0x08, 0x01, 0x01, 0x11, 0x00]);
        bytes.AddRange([0xFF, 0xC4, 0x00, 0x14, 0x00, 0x01, .. new byte[15], 0x00]); // DC: one code of length 1, category 0
        bytes.AddRange([0xFF, 0xC4, 0x00, 0x14, 0x10, 0x01, .. new byte[15], 0x00]); // AC: one code of length 1, end of block
        bytes.AddRange([0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00]);
        bytes.Add(0x3F); // DC difference 0, end of block, padded with ones
        bytes.AddRange([0xFF, 0xD9]);
        return [.. bytes];
    }

    /// <summary>A 1×1 lossless WebP: VP8L header, no transform, no colour cache, five one-symbol prefix codes.</summary>
    public static byte[] WebP()
    {
        byte[] vp8l = [0x2F, 0x00, 0x00, 0x00, 0x00, 0x88, 0x88, 0x08];
        var file = new byte[20 + vp8l.Length];
        Encoding.ASCII.GetBytes("RIFF").CopyTo(file, 0);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(4), file.Length - 8);
        Encoding.ASCII.GetBytes("WEBPVP8L").CopyTo(file, 8);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(16), vp8l.Length);
        vp8l.CopyTo(file, 20);
        return file;
    }

    private static void Chunk(Stream file, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        file.Write(length);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        file.Write(typeAndData);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typeAndData));
        file.Write(crc);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
