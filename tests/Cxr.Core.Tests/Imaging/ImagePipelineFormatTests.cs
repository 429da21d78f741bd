using Cxr.Core.Imaging;
using SkiaSharp;

namespace Cxr.Core.Tests.Imaging;

/// <summary>Every accepted format decodes to the expected 8-bit BT.601 luminance.</summary>
public class ImagePipelineFormatTests
{
    // Tiny hand-made images check exact values; the minimum side (a rule for real inputs) is lifted for them.
    private static readonly ImagePipeline Pipeline = new(new PreprocessSpec(Size: 8), new ImageLimits(MinSide: 1));

    private static byte Luma(int r, int g, int b) => (byte)(((19595 * r) + (38470 * g) + (7471 * b) + 32768) >> 16);

    [Fact]
    public void Real_shared_jpeg_decodes_to_224_square_with_gray_content()
    {
        var result = new ImagePipeline(new PreprocessSpec()).Process(SharedImages.FirstBytes());
        Assert.Equal(ImageFormat.Jpeg, result.Format);
        Assert.Equal((224, 224), (result.Original.Width, result.Original.Height));
        Assert.Equal(result.Original.Pixels, result.Resized.Pixels); // 224 → 224 is the identity
        Assert.NotSame(result.Original.Pixels, result.Resized.Pixels);
        Assert.True(result.Original.Pixels.Distinct().Count() > 100, "a radiograph has many gray levels");
    }

    [Fact]
    public void Gray_png_decodes_exactly()
    {
        byte[] pixels = [0, 1, 2, 127, 128, 200, 254, 255];
        var png = PngBuilder.Build(4, 2, 8, PngBuilder.Gray, pixels);
        var gray = Pipeline.DecodeGray(png);
        Assert.Equal((4, 2), (gray.Width, gray.Height));
        Assert.Equal(pixels, gray.Pixels);
    }

    [Fact]
    public void Rgb_png_uses_bt601_weights_with_rounding()
    {
        byte[] rgb = [255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 200, 90, 128, 128, 128, 255, 255, 255];
        var png = PngBuilder.Build(3, 2, 8, PngBuilder.Rgb, rgb);
        var gray = Pipeline.DecodeGray(png);
        // 0.299 × 255 = 76.2, 0.587 × 255 = 149.7, 0.114 × 255 = 29.1, 0.299×10 + 0.587×200 + 0.114×90 = 130.65
        Assert.Equal(new byte[] { 76, 150, 29, 131, 128, 255 }, gray.Pixels);
        Assert.Equal(new byte[] { Luma(255, 0, 0), Luma(0, 255, 0), Luma(0, 0, 255), Luma(10, 200, 90), 128, 255 }, gray.Pixels);
    }

    [Fact]
    public void Sixteen_bit_gray_and_rgb_png_decode_to_8_bits()
    {
        // 16-bit samples v × 257 are exactly 8-bit v whichever way the decoder reduces them.
        byte[] values = [0, 64, 128, 255];
        var gray16 = values.SelectMany(v => new[] { v, v }).ToArray();
        var gray = Pipeline.DecodeGray(PngBuilder.Build(2, 2, 16, PngBuilder.Gray, gray16));
        Assert.Equal(values, gray.Pixels);

        // RGB 16-bit: (v, v, v) per pixel, plus one colored pixel.
        byte[] rgb16 =
        [
            0, 0, 0, 0, 0, 0, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
            0xFF, 0xFF, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        ];
        var rgb = Pipeline.DecodeGray(PngBuilder.Build(2, 2, 16, PngBuilder.Rgb, rgb16));
        Assert.Equal(new byte[] { 0, 128, Luma(255, 0, 0), 255 }, rgb.Pixels);
    }

    [Fact]
    public void Palette_png_with_transparency_decodes_through_the_palette()
    {
        byte[] palette = [0, 0, 0, 255, 0, 0, 0, 255, 0, 90, 90, 90];
        byte[] alpha = [255, 255, 255, 0]; // entry 3 fully transparent
        byte[] indices = [0, 1, 2, 3, 3, 2, 1, 0];
        var gray = Pipeline.DecodeGray(PngBuilder.Build(4, 2, 8, PngBuilder.Palette, indices, palette, alpha));
        byte red = Luma(255, 0, 0), green = Luma(0, 255, 0);
        Assert.Equal(new byte[] { 0, red, green, 0, 0, green, red, 0 }, gray.Pixels);
    }

    [Fact]
    public void Alpha_is_composited_over_black()
    {
        byte[] rgba =
        [
            200, 200, 200, 255, // opaque
            200, 200, 200, 0,   // fully transparent → black
            200, 200, 200, 128, // half → about 100
            255, 255, 255, 64,
        ];
        var gray = Pipeline.DecodeGray(PngBuilder.Build(2, 2, 8, PngBuilder.Rgba, rgba));
        Assert.Equal(200, gray.Pixels[0]);
        Assert.Equal(0, gray.Pixels[1]);
        Assert.InRange(gray.Pixels[2], 99, 101);
        Assert.InRange(gray.Pixels[3], 63, 65);

        // Gray + alpha PNG follows the same rule.
        var ga = Pipeline.DecodeGray(PngBuilder.Build(2, 1, 8, PngBuilder.GrayAlpha, [200, 255, 200, 0]));
        Assert.Equal(new byte[] { 200, 0 }, ga.Pixels);
    }

    [Fact]
    public void Bmp_decodes_bottom_up_rows_in_the_right_order()
    {
        // 3 × 2 (row padding needed), top row red-green-blue, bottom row gray levels.
        byte[] rgb = [255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 10, 10, 100, 100, 100, 250, 250, 250];
        var result = Pipeline.Process(BmpBuilder.Build24(3, 2, rgb));
        Assert.Equal(ImageFormat.Bmp, result.Format);
        Assert.Equal(new byte[] { Luma(255, 0, 0), Luma(0, 255, 0), Luma(0, 0, 255), 10, 100, 250 }, result.Original.Pixels);
    }

    [Fact]
    public void Gif_uses_the_first_frame_only()
    {
        var palette = new byte[768];
        for (var i = 0; i < 256; i++)
        {
            palette[(i * 3) + 0] = (byte)i;
            palette[(i * 3) + 1] = (byte)i;
            palette[(i * 3) + 2] = (byte)i;
        }

        palette[(7 * 3) + 0] = 255; // index 7 is pure red
        palette[(7 * 3) + 1] = 0;
        palette[(7 * 3) + 2] = 0;
        var first = Enumerable.Range(0, 20 * 30).Select(i => (byte)(i % 20 == 0 ? 7 : i % 256)).ToArray();
        var second = Enumerable.Repeat((byte)255, 20 * 30).ToArray();
        var result = Pipeline.Process(GifBuilder.Build(20, 30, palette, first, second));
        Assert.Equal(ImageFormat.Gif, result.Format);
        Assert.Equal((20, 30), (result.Original.Width, result.Original.Height));
        var expected = first.Select(i => i == 7 ? Luma(255, 0, 0) : i).ToArray();
        Assert.Equal(expected, result.Original.Pixels);
    }

    [Fact]
    public void Gif_frame_smaller_than_the_canvas_leaves_the_rest_black_even_after_other_decodes()
    {
        var palette = Enumerable.Range(0, 256).SelectMany(i => new[] { (byte)i, (byte)i, (byte)i }).ToArray();
        // Dirty the pooled decode buffers first with a bright image of the same size.
        var bright = Enumerable.Repeat((byte)250, 40 * 40 * 4).ToArray();
        Pipeline.Process(SkiaEncoder.LosslessWebp(40, 40, bright));

        var gif = GifBuilder.BuildWithFrameRect(40, 40, 10, 12, 8, 6, palette, Enumerable.Repeat((byte)200, 8 * 6).ToArray());
        var gray = Pipeline.DecodeGray(gif);
        Assert.Equal((40, 40), (gray.Width, gray.Height));
        for (var y = 0; y < 40; y++)
        {
            for (var x = 0; x < 40; x++)
            {
                var inside = x is >= 10 and < 18 && y is >= 12 and < 18;
                Assert.Equal(inside ? 200 : 0, gray[x, y]);
            }
        }
    }

    [Fact]
    public void Lossless_webp_decodes_exactly()
    {
        var rgba = new byte[16 * 9 * 4];
        var expected = new byte[16 * 9];
        for (var i = 0; i < expected.Length; i++)
        {
            byte r = (byte)(i * 7), g = (byte)(255 - i), b = (byte)(i * 3);
            rgba[(i * 4) + 0] = r;
            rgba[(i * 4) + 1] = g;
            rgba[(i * 4) + 2] = b;
            rgba[(i * 4) + 3] = 255;
            expected[i] = Luma(r, g, b);
        }

        var result = Pipeline.Process(SkiaEncoder.LosslessWebp(16, 9, rgba));
        Assert.Equal(ImageFormat.Webp, result.Format);
        Assert.Equal((16, 9), (result.Original.Width, result.Original.Height));
        Assert.Equal(expected, result.Original.Pixels);
    }

    [Fact]
    public void Lossy_webp_and_color_jpeg_decode_close_to_the_source()
    {
        var rgba = new byte[64 * 64 * 4];
        for (var i = 0; i < 64 * 64; i++)
        {
            rgba[(i * 4) + 0] = 180;
            rgba[(i * 4) + 1] = 120;
            rgba[(i * 4) + 2] = 60;
            rgba[(i * 4) + 3] = 255;
        }

        var expected = Luma(180, 120, 60);
        foreach (var encoded in new[]
                 {
                     SkiaEncoder.Rgba(64, 64, rgba, SKEncodedImageFormat.Webp, 90),
                     SkiaEncoder.Rgba(64, 64, rgba, SKEncodedImageFormat.Jpeg, 95),
                 })
        {
            var gray = Pipeline.DecodeGray(encoded);
            Assert.All(gray.Pixels, p => Assert.InRange(p, expected - 3, expected + 3));
        }
    }

    [Fact]
    public void Gray_jpeg_decodes_straight_to_gray()
    {
        var pixels = Enumerable.Range(0, 32 * 16).Select(i => (byte)(i < 256 ? 40 : 220)).ToArray();
        var jpeg = SkiaEncoder.Gray(32, 16, pixels, SKEncodedImageFormat.Jpeg, 100);
        var gray = Pipeline.DecodeGray(jpeg);
        Assert.Equal(40, gray[5, 3]);
        Assert.Equal(220, gray[20, 12]);
    }

    [Fact]
    public void Cmyk_jpeg_decodes_as_adobe_inverted_cmyk()
    {
        // Two 8 × 8 blocks. Stored (Adobe, inverted) C, M, Y, K = 255 means "no ink": R = C × K / 255, etc.
        byte[][] blocks = [[200, 100, 50, 255], [255, 255, 255, 128]];
        var jpeg = JpegBuilder.FlatBlocks(2, 1, 4, blocks);
        var result = Pipeline.Process(jpeg);
        Assert.Equal(ImageFormat.Jpeg, result.Format);
        Assert.Equal((16, 8), (result.Original.Width, result.Original.Height));
        Assert.Equal(Luma(200, 100, 50), result.Original[3, 4]);
        Assert.Equal(128, result.Original[12, 4]);
    }

    [Fact]
    public void Hand_built_ycbcr_jpeg_decodes_exactly()
    {
        // Same builder with 3 components (YCbCr): checks the builder itself against the decoder.
        var jpeg = JpegBuilder.FlatBlocks(1, 1, 3, [[77, 128, 128]]);
        var gray = Pipeline.DecodeGray(jpeg);
        Assert.All(gray.Pixels, p => Assert.Equal(77, p));
    }
}
