using Cxr.Core.Imaging;
using SkiaSharp;

namespace Cxr.Core.Tests.Imaging;

/// <summary><see cref="PreprocessedImage.MeanChroma"/> through the public pipeline, and <see cref="ChromaMeter"/> on
/// spans for the cases no encoder makes (sizes around the SIMD lane count and the lane-sum flush).</summary>
public sealed class ChromaMeterTests
{
    private static readonly ImagePipeline Pipeline = new(new PreprocessSpec(Size: 16), new ImageLimits(MinSide: 1));

    [Fact]
    public void A_gray_png_has_zero_chroma()
    {
        var pixels = Enumerable.Range(0, 32 * 24).Select(i => (byte)(i * 37 % 256)).ToArray();
        Assert.Equal(0, Pipeline.Process(PngBuilder.Build(32, 24, 8, PngBuilder.Gray, pixels)).MeanChroma);
    }

    [Fact]
    public void A_gray_rgb_png_has_zero_chroma()
    {
        // Stored as RGB (so it takes the RGBA decode path), but R = G = B everywhere.
        var rgb = Enumerable.Range(0, 20 * 10).SelectMany(i => Enumerable.Repeat((byte)(i * 13 % 256), 3)).ToArray();
        Assert.Equal(0, Pipeline.Process(PngBuilder.Build(20, 10, 8, PngBuilder.Rgb, rgb)).MeanChroma);
    }

    [Fact]
    public void Gray_content_saved_as_colour_jpeg_stays_below_the_documented_bound()
    {
        const int width = 96, height = 80;
        var random = new Random(7);
        var rgba = new byte[width * height * 4];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                // A film-like gradient with grain: gray content with real texture for the encoder's chroma subsampling.
                var v = (byte)Math.Clamp(40 + (150 * y / height) + (30 * Math.Sin(x / 5.0)) + random.Next(-20, 21), 0, 255);
                rgba.AsSpan(((y * width) + x) * 4, 4).Fill(v);
            }
        }

        var jpeg = SkiaEncoder.Rgba(width, height, rgba, SKEncodedImageFormat.Jpeg, quality: 85);
        using (var codec = SKCodec.Create(new MemoryStream(jpeg)))
        {
            Assert.NotEqual(SKColorType.Gray8, codec.Info.ColorType); // really a colour JPEG
        }

        var chroma = Pipeline.Process(jpeg).MeanChroma;
        Assert.InRange(chroma, 0, 0.005);
    }

    [Fact]
    public void Saturated_red_has_chroma_one()
    {
        var rgb = Enumerable.Range(0, 9 * 7).SelectMany(_ => new byte[] { 255, 0, 0 }).ToArray();
        Assert.Equal(1.0, Pipeline.Process(PngBuilder.Build(9, 7, 8, PngBuilder.Rgb, rgb)).MeanChroma);
    }

    [Theory]
    [InlineData(13, 3)]  // 39 pixels: four 8-pixel vectors and a scalar tail of 7
    [InlineData(8, 1)]   // exactly one vector, no tail
    [InlineData(7, 1)]   // tail only
    [InlineData(1, 1)]
    [InlineData(17, 5)]
    public void A_known_colour_pattern_gives_the_exact_mean(int width, int height)
    {
        // Chroma per pixel: (255, 0, 128) → 255, (30, 60, 90) → 60, (200, 200, 200) → 0, (10, 250, 130) → 240.
        byte[][] palette = [[255, 0, 128], [30, 60, 90], [200, 200, 200], [10, 250, 130]];
        int[] chromas = [255, 60, 0, 240];
        var count = width * height;
        var rgb = new byte[count * 3];
        long total = 0;
        for (var i = 0; i < count; i++)
        {
            // Irregular so that no 8-pixel lane sees one colour only.
            var colour = ((i * 5) + (i / 3)) % palette.Length;
            palette[colour].CopyTo(rgb, i * 3);
            total += chromas[colour];
        }

        var chroma = Pipeline.Process(PngBuilder.Build(width, height, 8, PngBuilder.Rgb, rgb)).MeanChroma;
        Assert.Equal(total / (255.0 * count), chroma, 15);
    }

    [Fact]
    public void Transparent_colour_counts_as_black()
    {
        // The pipeline composites alpha over black (premultiplied decode): invisible red has no chroma, half-visible
        // red has about half.
        byte[] rgba = [255, 0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 128, 255, 0, 0, 128];
        var chroma = Pipeline.Process(PngBuilder.Build(2, 2, 8, PngBuilder.Rgba, rgba)).MeanChroma;
        Assert.Equal(128 / 255.0 / 2, chroma, 2);
    }

    [Fact]
    public void Mean_of_no_pixels_is_zero() => Assert.Equal(0, ChromaMeter.Mean([], 0));

    [Fact]
    public void Mean_reads_only_the_requested_pixels_and_ignores_alpha()
    {
        // Pixel 0: chroma 100 with alpha 0; pixel 1: chroma 255, outside the requested count.
        byte[] rgba = [100, 0, 50, 0, 0, 255, 0, 255];
        Assert.Equal(100 / 255.0, ChromaMeter.Mean(rgba, 1));
    }

    [Fact]
    public void Lane_sums_are_flushed_without_losing_or_doubling_pixels()
    {
        // 2^20 full vectors is where the 32-bit lane sums are flushed; go past it and end with a scalar tail. Every
        // pixel has chroma 255 except one in every 7, which has 0 (so the lanes hold different sums).
        var count = (8 << 20) + 8 + 5;
        var rgba = new byte[count * 4];
        long total = 0;
        for (var i = 0; i < count; i++)
        {
            if (i % 7 != 0)
            {
                rgba[i * 4] = 255;
                total += 255;
            }
        }

        Assert.Equal(total / (255.0 * count), ChromaMeter.Mean(rgba, count), 15);
    }
}
