using System.Globalization;
using Cxr.Core.Imaging;
using SkiaSharp;

namespace Cxr.Inference;

/// <summary>
/// Draws a prediction's heatmap as a colour overlay (Turbo colour map: blue = least, red = most evidence for PNEUMONIA
/// in this image) on the X-ray, with a legend strip underneath that shows the colour scale, the probability and the
/// label. SkiaSharp only; PNG out.
/// </summary>
public static class HeatmapRenderer
{
    /// <summary>Longest side of the drawn image: small inputs are scaled up to it...</summary>
    public const int MinLongSide = 448;

    /// <summary>...and large originals scaled down to this.</summary>
    public const int MaxLongSide = 1024;

    private const int LegendHeight = 46;

    /// <summary>Renders the overlay as PNG bytes.</summary>
    /// <param name="prediction">A prediction; without a heatmap, the image and legend are drawn with a note instead of a
    /// colour overlay.</param>
    /// <param name="onOriginal">False: over the <c>S × S</c> image the model saw. True: over the original image at its own
    /// aspect ratio (the heatmap is mapped back through the resize, including letterbox padding).</param>
    /// <param name="opacity">Opacity of the colour layer in [0, 1] (0 = X-ray only).</param>
    /// <returns>A PNG whose image area's long side is between <see cref="MinLongSide"/> and <see cref="MaxLongSide"/>
    /// (aspect ratio kept), plus a 46 px legend strip.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="opacity"/> is outside [0, 1].</exception>
    public static byte[] RenderOverlayPng(Prediction prediction, bool onOriginal = false, float opacity = 0.45f)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        if (!(opacity >= 0f && opacity <= 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(opacity), opacity, "The opacity must be in [0, 1].");
        }

        var image = prediction.Image;
        var baseImage = onOriginal ? image.Original : image.Resized;
        var scale = Math.Clamp((double)Math.Max(baseImage.Width, baseImage.Height), MinLongSide, MaxLongSide)
                    / Math.Max(baseImage.Width, baseImage.Height);
        var width = Math.Max(1, (int)Math.Round(baseImage.Width * scale));
        var height = Math.Max(1, (int)Math.Round(baseImage.Height * scale));
        var canvasWidth = Math.Max(width, MinLongSide);

        using var surface = SKSurface.Create(new SKImageInfo(canvasWidth, height + LegendHeight, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(new SKColor(17, 17, 17));
        var imageRect = SKRect.Create((canvasWidth - width) / 2f, 0, width, height);
        var sampling = new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear);

        using (var gray = ToSkImage(baseImage))
        {
            canvas.DrawImage(gray, imageRect, sampling);
        }

        if (prediction.Heatmap is { } heatmap && opacity > 0)
        {
            using var colours = ToColourImage(heatmap, opacity);
            var (x, y, w, h) = onOriginal
                ? InputGeometry.ContentRect(image.Spec, image.Original.Width, image.Original.Height)
                : (0, 0, heatmap.Width, heatmap.Height);
            canvas.DrawImage(colours, SKRect.Create(x, y, w, h), imageRect, sampling);
        }

        DrawLegend(canvas, prediction, canvasWidth, height);
        using var snapshot = surface.Snapshot();
        using var png = snapshot.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    private static SKImage ToSkImage(GrayImage image)
    {
        var info = new SKImageInfo(image.Width, image.Height, SKColorType.Gray8, SKAlphaType.Opaque);
        using var data = SKData.CreateCopy(image.Pixels);
        return SKImage.FromPixels(info, data, image.Width) ?? throw new InvalidOperationException("SkiaSharp could not wrap the image.");
    }

    // Turbo colours, unpremultiplied alpha = opacity everywhere: the map is shown as it is, without hiding weak regions.
    private static SKImage ToColourImage(Heatmap heatmap, float opacity)
    {
        var alpha = (byte)Math.Round(opacity * 255);
        var pixels = new byte[heatmap.Values.Length * 4];
        for (var i = 0; i < heatmap.Values.Length; i++)
        {
            var (r, g, b) = TurboColorMap.Color(heatmap.Values[i]);
            pixels[(i * 4) + 0] = r;
            pixels[(i * 4) + 1] = g;
            pixels[(i * 4) + 2] = b;
            pixels[(i * 4) + 3] = alpha;
        }

        var info = new SKImageInfo(heatmap.Width, heatmap.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var data = SKData.CreateCopy(pixels);
        return SKImage.FromPixels(info, data, heatmap.Width * 4) ?? throw new InvalidOperationException("SkiaSharp could not wrap the heatmap.");
    }

    private static void DrawLegend(SKCanvas canvas, Prediction prediction, int width, int top)
    {
        using var typeface = SKTypeface.FromFamilyName("DejaVu Sans") ?? SKTypeface.Default;
        using var font = new SKFont(typeface, 14);
        using var small = new SKFont(typeface, 11);
        using var text = new SKPaint { Color = SKColors.White, IsAntialias = true };
        using var dim = new SKPaint { Color = new SKColor(190, 190, 190), IsAntialias = true };
        var headline = string.Create(
            CultureInfo.InvariantCulture,
            $"P(pneumonia) {prediction.Probability:0.000}  \u2192  {prediction.Label}  (threshold {prediction.Threshold:0.000})");
        canvas.DrawText(headline, 10, top + 18, SKTextAlign.Left, font, text);

        var lineY = top + 37;
        if (prediction.Heatmap is null)
        {
            canvas.DrawText("no heatmap (the model has none, or none was requested) \u00b7 research use only, not a diagnosis", 10, lineY, SKTextAlign.Left, small, dim);
            return;
        }

        const int barWidth = 120;
        const int barHeight = 10;
        canvas.DrawText("low", 10, lineY, SKTextAlign.Left, small, dim);
        var barLeft = 10 + small.MeasureText("low ") + 2;
        using var bar = new SKPaint();
        for (var x = 0; x < barWidth; x++)
        {
            var (r, g, b) = TurboColorMap.Color(x / (float)(barWidth - 1));
            bar.Color = new SKColor(r, g, b);
            canvas.DrawRect(barLeft + x, lineY - 9, 1, barHeight, bar);
        }

        canvas.DrawText(
            "high  \u00b7 relative evidence, not a diagnosis",
            barLeft + barWidth + 4, lineY, SKTextAlign.Left, small, dim);
    }
}
