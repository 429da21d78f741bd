using Cxr.Testing;
using SkiaSharp;

namespace Cxr.Inference.Tests;

/// <summary>Encoded test images: generated ones, and real chest X-rays from the shared data set.</summary>
internal static class TestImages
{
    /// <summary>The 16 validation images of the shared set (8 NORMAL, 8 PNEUMONIA), path order.</summary>
    public static IReadOnlyList<string> ValidationFiles =>
        Directory.GetFiles(Path.Combine(TestData.DataRoot, "val"), "*.jpeg", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();

    /// <summary>Encodes 8-bit gray pixels (row-major) as PNG or JPEG.</summary>
    public static byte[] Encode(byte[] pixels, int width, int height, SKEncodedImageFormat format = SKEncodedImageFormat.Png, int quality = 95)
    {
        var info = new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque);
        using var data = SKData.CreateCopy(pixels);
        using var image = SKImage.FromPixels(info, data, width);
        using var encoded = image.Encode(format, quality);
        return encoded.ToArray();
    }

    /// <summary>A uniform gray image.</summary>
    public static byte[] Uniform(int width, int height, byte value, SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        var pixels = new byte[width * height];
        Array.Fill(pixels, value);
        return Encode(pixels, width, height, format);
    }

    /// <summary>A dark image with a bright square at (x, y) of side <paramref name="side"/>.</summary>
    public static byte[] BrightSquare(int width, int height, int x, int y, int side, SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        var pixels = new byte[width * height];
        Array.Fill(pixels, (byte)30);
        for (var r = y; r < Math.Min(height, y + side); r++)
        {
            pixels.AsSpan((r * width) + x, Math.Min(side, width - x)).Fill(230);
        }

        return Encode(pixels, width, height, format);
    }

    /// <summary>Deterministic noise images, brightness varying from image to image.</summary>
    public static byte[] Noise(int size, int seed, SKEncodedImageFormat format = SKEncodedImageFormat.Jpeg)
    {
        var random = new Random(seed);
        var pixels = new byte[size * size];
        var level = random.Next(40, 200);
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)Math.Clamp(level + random.Next(-40, 41), 0, 255);
        }

        return Encode(pixels, size, size, format, 90);
    }
}
