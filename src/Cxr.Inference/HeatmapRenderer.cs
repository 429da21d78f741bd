using System.Globalization;
using Cxr.Core.Imaging;
using Cxr.Core.Text;
using SkiaSharp;

namespace Cxr.Inference;

/// <summary>
/// Draws a prediction's heatmap as a colour overlay (Turbo colour map: dark blue = least, dark red = most evidence for
/// PNEUMONIA in this image) on the X-ray, with a legend strip underneath that shows the colour scale, the probability
/// and the label. PNG out. Thread-safe.
/// </summary>
/// <remarks>The pixels are composed in managed code (bilinear X-ray, bilinear heatmap grid, constant-opacity blend) and
/// encoded by a small PNG writer; SkiaSharp draws only the legend's text. On this project's 2-core machine that is
/// several times faster than drawing and encoding the whole picture with SkiaSharp.</remarks>
public static class HeatmapRenderer
{
    /// <summary>Longest side of the drawn image: small inputs are scaled up to it...</summary>
    public const int MinLongSide = 448;

    /// <summary>...and large originals scaled down to this.</summary>
    public const int MaxLongSide = 1024;

    /// <summary>Height of the legend strip under the image, in pixels.</summary>
    public const int LegendHeight = 46;

    private const byte Background = 17;

    // One shared typeface (immutable, thread-safe); Skia falls back to its default face when DejaVu Sans is missing.
    internal static readonly SKTypeface Typeface = SKTypeface.FromFamilyName("DejaVu Sans") ?? SKTypeface.Default;

    /// <summary>Renders the overlay as PNG bytes (8-bit RGB).</summary>
    /// <param name="prediction">A prediction; without a heatmap, the image and legend are drawn with a note instead of a
    /// colour overlay.</param>
    /// <param name="onOriginal">False: over the <c>S × S</c> film the model saw, as resized (before the model's contrast
    /// step, if it has one: a person reads the film as it was taken). True: over the original image at its own aspect
    /// ratio (the heatmap is mapped back through the resize, including letterbox padding), less the dark border the
    /// model's trim cut away, if it has one (<see cref="PreprocessedImage.Framed"/>).</param>
    /// <param name="opacity">Opacity of the colour layer in [0, 1] (0 = X-ray only).</param>
    /// <returns>A PNG whose image area's long side is between <see cref="MinLongSide"/> and <see cref="MaxLongSide"/>
    /// (aspect ratio kept; at least <see cref="MinLongSide"/> wide, centred), plus a <see cref="LegendHeight"/> px legend
    /// strip.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="opacity"/> is outside [0, 1].</exception>
    public static byte[] RenderOverlayPng(Prediction prediction, bool onOriginal = false, float opacity = 0.45f)
    {
        var (rgb, width, height) = RenderOverlayRgb(prediction, onOriginal, opacity);
        return PngWriter.EncodeRgb(rgb, width, height);
    }

    /// <summary>The picture <see cref="RenderOverlayPng"/> encodes, as row-major 8-bit RGB (<c>Width × Height × 3</c>
    /// bytes; the legend strip is the last <see cref="LegendHeight"/> rows), for writers of other formats (DICOM).</summary>
    internal static (byte[] Rgb, int Width, int Height) RenderOverlayRgb(Prediction prediction, bool onOriginal, float opacity)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        if (!(opacity >= 0f && opacity <= 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(opacity), opacity, "The opacity must be in [0, 1].");
        }

        var image = prediction.Image;
        var baseImage = onOriginal ? image.Framed : image.ResizedBeforeContrast;
        var longSide = Math.Max(baseImage.Width, baseImage.Height);
        var scale = Math.Clamp((double)longSide, MinLongSide, MaxLongSide) / longSide;
        var width = Math.Max(1, (int)Math.Round(baseImage.Width * scale));
        var height = Math.Max(1, (int)Math.Round(baseImage.Height * scale));
        var canvasWidth = Math.Max(width, MinLongSide);
        var left = (canvasWidth - width) / 2;

        var rgb = new byte[canvasWidth * (height + LegendHeight) * 3];
        rgb.AsSpan().Fill(Background);
        var heatmap = opacity > 0 ? prediction.Heatmap : null;
        var content = onOriginal
            ? InputGeometry.ContentRect(image.Spec, image.Framed.Width, image.Framed.Height)
            : (X: 0, Y: 0, Width: image.Spec.Size, Height: image.Spec.Size);
        Compose(baseImage, heatmap, content, opacity, rgb, canvasWidth, left, width, height);
        DrawLegend(prediction, rgb, canvasWidth, height);
        return (rgb, canvasWidth, height + LegendHeight);
    }

    // Output pixel (x, y) samples the X-ray bilinearly at its own scale and the heatmap grid bilinearly at the matching
    // model-input position (inside the content rectangle the original was resized into), then blends.
    private static void Compose(
        GrayImage gray, Heatmap? heatmap, (int X, int Y, int Width, int Height) content, float opacity,
        byte[] rgb, int canvasWidth, int left, int width, int height)
    {
        var grayX = BuildAxis(width, gray.Width);
        var grayY = BuildAxis(height, gray.Height);
        Axis? gridX = null, gridY = null;
        float[]? grid = null;
        if (heatmap is not null && !heatmap.IsFlat)
        {
            // Output pixel centre → model-input coordinate → grid coordinate (half-pixel centres on both).
            gridX = BuildAxis(width, heatmap.GridWidth, content.X, content.Width, heatmap.Width);
            gridY = BuildAxis(height, heatmap.GridHeight, content.Y, content.Height, heatmap.Height);
            var range = heatmap.GridMax - heatmap.GridMin;
            grid = heatmap.Grid.Select(v => (v - heatmap.GridMin) / range).ToArray();
        }

        var pixels = gray.Pixels;
        var flatColour = TurboColorMap.Color(0f);
        for (var y = 0; y < height; y++)
        {
            var (gy0, gy1, gfy) = grayY[y];
            var row = rgb.AsSpan(((y * canvasWidth) + left) * 3, width * 3);
            for (var x = 0; x < width; x++)
            {
                var (gx0, gx1, gfx) = grayX[x];
                var top = pixels[(gy0 * gray.Width) + gx0] + ((pixels[(gy0 * gray.Width) + gx1] - pixels[(gy0 * gray.Width) + gx0]) * gfx);
                var bottom = pixels[(gy1 * gray.Width) + gx0] + ((pixels[(gy1 * gray.Width) + gx1] - pixels[(gy1 * gray.Width) + gx0]) * gfx);
                var g = top + ((bottom - top) * gfy);
                if (heatmap is null)
                {
                    row[x * 3] = row[(x * 3) + 1] = row[(x * 3) + 2] = (byte)(g + 0.5f);
                    continue;
                }

                var colour = flatColour;
                if (grid is not null)
                {
                    var (hx0, hx1, hfx) = gridX!.Value[x];
                    var (hy0, hy1, hfy) = gridY!.Value[y];
                    var w = heatmap.GridWidth;
                    var ht = grid[(hy0 * w) + hx0] + ((grid[(hy0 * w) + hx1] - grid[(hy0 * w) + hx0]) * hfx);
                    var hb = grid[(hy1 * w) + hx0] + ((grid[(hy1 * w) + hx1] - grid[(hy1 * w) + hx0]) * hfx);
                    colour = TurboColorMap.Color(ht + ((hb - ht) * hfy));
                }

                var keep = 1f - opacity;
                row[x * 3] = (byte)((g * keep) + (colour.R * opacity) + 0.5f);
                row[(x * 3) + 1] = (byte)((g * keep) + (colour.G * opacity) + 0.5f);
                row[(x * 3) + 2] = (byte)((g * keep) + (colour.B * opacity) + 0.5f);
            }
        }
    }

    private static void DrawLegend(Prediction prediction, byte[] rgb, int width, int top)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, LegendHeight, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(Background, Background, Background));
            using var font = new SKFont(Typeface, 14);
            using var small = new SKFont(Typeface, 11);
            using var text = new SKPaint { Color = SKColors.White, IsAntialias = true };
            using var dim = new SKPaint { Color = new SKColor(190, 190, 190), IsAntialias = true };
            var headline = string.Create(
                CultureInfo.InvariantCulture,
                $"P(pneumonia) {prediction.Probability:0.000}  \u2192  {prediction.Label}  (threshold {prediction.Threshold:0.000})");
            canvas.DrawText(headline, 10, 18, SKTextAlign.Left, font, text);

            const int lineY = 37;
            if (prediction.Heatmap is null)
            {
                canvas.DrawText("no heatmap (the model has none, or none was requested) \u00b7 " + Disclaimer.Notice, 10, lineY, SKTextAlign.Left, small, dim);
            }
            else
            {
                const int barWidth = 120;
                canvas.DrawText("low", 10, lineY, SKTextAlign.Left, small, dim);
                var barLeft = 10 + small.MeasureText("low ") + 2;
                using var bar = new SKPaint();
                for (var x = 0; x < barWidth; x++)
                {
                    var (r, g, b) = TurboColorMap.Color(x / (float)(barWidth - 1));
                    bar.Color = new SKColor(r, g, b);
                    canvas.DrawRect(barLeft + x, lineY - 9, 1, 10, bar);
                }

                canvas.DrawText("high  \u00b7 relative evidence, not a diagnosis", barLeft + barWidth + 4, lineY, SKTextAlign.Left, small, dim);
            }
        }

        var source = bitmap.GetPixelSpan();
        var target = rgb.AsSpan(top * width * 3, LegendHeight * width * 3);
        for (var i = 0; i < width * LegendHeight; i++)
        {
            target[i * 3] = source[i * 4];
            target[(i * 3) + 1] = source[(i * 4) + 1];
            target[(i * 3) + 2] = source[(i * 4) + 2];
        }
    }

    /// <summary>Bilinear source indices and weight for each destination pixel: destination centre (i + 0.5) maps to the
    /// source position <c>offset + (i + 0.5) · span / length</c> (in units where the source covers <c>extent</c>), which is
    /// then expressed in source cells with half-cell centres and clamped at the edges.</summary>
    private static Axis BuildAxis(int length, int cells, double offset = 0, double span = -1, double extent = -1)
    {
        if (span < 0)
        {
            span = extent = cells;
        }

        var result = new (int, int, float)[length];
        for (var i = 0; i < length; i++)
        {
            var position = ((offset + ((i + 0.5) * span / length)) * cells / extent) - 0.5;
            position = Math.Clamp(position, 0, cells - 1);
            var i0 = (int)position;
            result[i] = (i0, Math.Min(i0 + 1, cells - 1), (float)(position - i0));
        }

        return new Axis(result);
    }
}
