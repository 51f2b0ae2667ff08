using System.Text;
using Maillage.Domain.Offers;

namespace Maillage.Domain.Tests.Offers;

public class ImageInspectorTests
{
    [Fact]
    public void Real_png_jpeg_and_webp_files_are_recognised_with_their_pixel_size()
    {
        ImageInspector.Inspect(TestImages.Png(3, 2)).Image.ShouldBe(new ImageInfo(ImageFormat.Png, 3, 2));
        ImageInspector.Inspect(TestImages.Jpeg()).Image.ShouldBe(new ImageInfo(ImageFormat.Jpeg, 8, 8));
        ImageInspector.Inspect(TestImages.WebP()).Image.ShouldBe(new ImageInfo(ImageFormat.WebP, 1, 1));
        new ImageInfo(ImageFormat.WebP, 1, 1).ContentType.ShouldBe("image/webp");
    }

    public static TheoryData<string, byte[]> Fakes => new()
    {
        { "text renamed .jpg", Encoding.UTF8.GetBytes("Ceci n'est pas une image, juste du texte.") },
        { "svg", Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>") },
        { "gif", [.. "GIF89a"u8, 1, 0, 1, 0, 0, 0, 0, 0x3B] },
        { "pdf", Encoding.ASCII.GetBytes("%PDF-1.7\n%%EOF") },
        { "empty", [] },
    };

    [Theory]
    [MemberData(nameof(Fakes))]
    public void Files_that_are_not_jpeg_png_or_webp_are_refused_whatever_their_name(string what, byte[] bytes)
    {
        ImageInspector.Inspect(bytes).ShouldBe((null, ImageProblems.NotAnImage), what);
    }

    [Fact]
    public void Truncated_files_are_refused_as_damaged()
    {
        foreach (var image in new[] { TestImages.Png(40, 40), TestImages.Jpeg(), TestImages.WebP() })
        {
            foreach (var keep in new[] { 12, 24, image.Length / 2, image.Length - 1 })
            {
                var (found, problem) = ImageInspector.Inspect(image.AsSpan(0, Math.Min(keep, image.Length - 1)));
                found.ShouldBeNull($"{image.Length} bytes cut to {keep}");
                problem.ShouldBe(ImageProblems.Damaged);
            }
        }
    }

    [Fact]
    public void Absurd_pixel_sizes_are_refused()
    {
        ImageInspector.Inspect(TestImages.Png(ImageInspector.MaxSide + 1, 1)).Problem.ShouldBe(ImageProblems.Dimensions);
        ImageInspector.Inspect(TestImages.Png(0, 10)).Problem.ShouldBe(ImageProblems.Dimensions);

        // A small file whose header claims 10'000 × 10'000 pixels (100 megapixels): a decompression bomb.
        var bomb = TestImages.Png(1, 1);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bomb.AsSpan(16), 10_000);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bomb.AsSpan(20), 10_000);
        ImageInspector.Inspect(bomb).Problem.ShouldBe(ImageProblems.Dimensions);
    }

    [Fact]
    public void Random_bytes_behind_a_real_signature_never_throw()
    {
        var random = new Random(2026);
        byte[][] starts = [TestImages.Png(2, 2)[..16], TestImages.Jpeg()[..4], TestImages.WebP()[..16]];
        for (var i = 0; i < 3000; i++)
        {
            var start = starts[i % starts.Length];
            var bytes = new byte[start.Length + random.Next(0, 64)];
            random.NextBytes(bytes);
            start.CopyTo(bytes, 0);
            var (image, problem) = ImageInspector.Inspect(bytes);
            (image is null).ShouldBe(problem is not null);
        }
    }
}
