using SkiaSharp;

namespace Cxr.Testing.Images;

/// <summary>
/// A drawn, chest-X-ray-like 8-bit gray picture (never patient data): dark background, soft-tissue torso, two dark lung
/// fields, a bright spine, rib arcs, a heart shadow on the image's right and a bright side marker in the top-left
/// corner, plus deterministic noise so encoders see realistic entropy. Left-right and top-bottom asymmetric, so a
/// wrong rotation or mirror is detectable.
/// </summary>
public static class SyntheticRadiograph
{
    /// <summary>Row-major gray pixels (0..255) of a <paramref name="width"/> × <paramref name="height"/> picture.</summary>
    public static byte[] Pixels(int width, int height, int seed = 1)
    {
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info) ?? throw new InvalidOperationException("Skia could not create a raster surface.");
        var canvas = surface.Canvas;
        canvas.Clear(Gray(12));
        canvas.Scale(width, height);
        using (var blur = SKMaskFilter.CreateBlur(SKBlurStyle.Normal, 0.01f))
        using (var paint = new SKPaint { IsAntialias = true, MaskFilter = blur })
        {
            paint.Color = Gray(105); // torso
            canvas.DrawOval(new SKRect(0.08f, 0.12f, 0.92f, 1.10f), paint);
            paint.Color = Gray(45); // lung fields: the left one (patient's right) reaches lower
            canvas.DrawOval(new SKRect(0.16f, 0.20f, 0.46f, 0.80f), paint);
            canvas.DrawOval(new SKRect(0.54f, 0.22f, 0.84f, 0.74f), paint);
            paint.Color = Gray(185); // spine
            canvas.DrawRoundRect(new SKRect(0.46f, 0.10f, 0.54f, 1.0f), 0.02f, 0.02f, paint);
            paint.Color = Gray(165); // heart shadow, towards the image's right
            canvas.DrawOval(new SKRect(0.48f, 0.46f, 0.76f, 0.80f), paint);
            paint.Color = Gray(250); // side marker
            canvas.DrawRect(new SKRect(0.03f, 0.03f, 0.11f, 0.09f), paint);
        }

        using (var ribs = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 0.012f, Color = Gray(150).WithAlpha(110) })
        {
            for (var i = 0; i < 7; i++)
            {
                var top = 0.22f + (i * 0.075f);
                canvas.DrawArc(new SKRect(0.14f, top, 0.50f, top + 0.16f), 190, 140, false, ribs);
                canvas.DrawArc(new SKRect(0.50f, top, 0.86f, top + 0.16f), 210, 140, false, ribs);
            }
        }

        using var bitmap = new SKBitmap(info);
        if (!surface.ReadPixels(bitmap.Info, bitmap.GetPixels(), bitmap.RowBytes, 0, 0))
        {
            throw new InvalidOperationException("Skia could not read the drawn pixels.");
        }

        var rgba = bitmap.GetPixelSpan();

        var random = new Random(seed);
        var gray = new byte[width * height];
        for (var i = 0; i < gray.Length; i++)
        {
            gray[i] = (byte)Math.Clamp(rgba[i * 4] + random.Next(-6, 7), 0, 255);
        }

        return gray;
    }

    /// <summary>The picture encoded by SkiaSharp (8-bit gray).</summary>
    public static byte[] Encode(int width, int height, SKEncodedImageFormat format, int quality = 92, int seed = 1)
        => SkiaEncoder.Gray(width, height, Pixels(width, height, seed), format, quality);

    /// <summary>Turns row-major gray <paramref name="pixels"/> by <paramref name="quarterTurns"/> × 90° clockwise
    /// (negative: counter-clockwise); returns the new pixels and size.</summary>
    public static (byte[] Pixels, int Width, int Height) Rotate(byte[] pixels, int width, int height, int quarterTurns)
    {
        var turns = ((quarterTurns % 4) + 4) % 4;
        for (var t = 0; t < turns; t++)
        {
            var rotated = new byte[pixels.Length];
            for (var y = 0; y < width; y++)
            {
                for (var x = 0; x < height; x++)
                {
                    // Clockwise: the source's bottom-left corner becomes the top-left corner.
                    rotated[(y * height) + x] = pixels[((height - 1 - x) * width) + y];
                }
            }

            (pixels, width, height) = (rotated, height, width);
        }

        return (pixels, width, height);
    }

    private static SKColor Gray(byte value) => new(value, value, value);
}
