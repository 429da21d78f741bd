using SkiaSharp;

namespace Cxr.Inference.Tests;

public sealed class PngWriterTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 3)]
    [InlineData(448, 494)]
    public void Encoded_rgb_decodes_back_exactly(int width, int height)
    {
        var random = new Random(width * height);
        var rgb = new byte[width * height * 3];
        random.NextBytes(rgb);

        var png = PngWriter.EncodeRgb(rgb, width, height);
        using var bitmap = SKBitmap.Decode(png);

        Assert.NotNull(bitmap);
        Assert.Equal((width, height), (bitmap.Width, bitmap.Height));
        for (var i = 0; i < width * height; i++)
        {
            var c = bitmap.GetPixel(i % width, i / width);
            Assert.Equal((rgb[i * 3], rgb[(i * 3) + 1], rgb[(i * 3) + 2], (byte)255), (c.Red, c.Green, c.Blue, c.Alpha));
        }
    }

    [Fact]
    public void A_wrong_buffer_length_is_refused()
    {
        Assert.Throws<ArgumentException>(() => PngWriter.EncodeRgb(new byte[10], 2, 2));
    }
}
