using SkiaSharp;

namespace Cxr.Testing.Images;

/// <summary>Encodes synthetic pixel arrays with SkiaSharp (JPEG, PNG, WebP) for tests.</summary>
public static class SkiaEncoder
{
    /// <summary>Encodes an 8-bit gray image given row-major pixels.</summary>
    public static byte[] Gray(int width, int height, byte[] pixels, SKEncodedImageFormat format, int quality = 100)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque));
        pixels.CopyTo(bitmap.GetPixelSpan());
        return Encode(bitmap, format, quality);
    }

    /// <summary>Encodes RGBA8888 (unpremultiplied) pixels.</summary>
    public static byte[] Rgba(int width, int height, byte[] rgba, SKEncodedImageFormat format, int quality = 100)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        rgba.CopyTo(bitmap.GetPixelSpan());
        return Encode(bitmap, format, quality);
    }

    /// <summary>Lossless WebP of RGBA8888 (unpremultiplied) pixels.</summary>
    public static byte[] LosslessWebp(int width, int height, byte[] rgba)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        rgba.CopyTo(bitmap.GetPixelSpan());
        using var pixmap = bitmap.PeekPixels();
        using var data = pixmap?.Encode(new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossless, 100))
            ?? throw new InvalidOperationException("SkiaSharp could not encode lossless WebP.");
        return data.ToArray();
    }

    private static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format, int quality)
    {
        using var data = bitmap.Encode(format, quality)
            ?? throw new InvalidOperationException($"SkiaSharp could not encode {format}.");
        return data.ToArray();
    }
}
