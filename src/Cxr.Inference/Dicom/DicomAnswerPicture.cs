using System.Globalization;
using SkiaSharp;

namespace Cxr.Inference.Dicom;

/// <summary>
/// The picture the Secondary Capture holds: a banner on top (white on dark red: "RESEARCH USE ONLY — NOT FOR
/// DIAGNOSIS"; the model's name and version; the probability and the decision at its threshold and, when the image
/// was forced past the input guard, that it is not a finding; each line shrunk to fit the width), then the <see cref="HeatmapRenderer"/> overlay on the
/// original film with its legend. 8-bit RGB.
/// </summary>
internal static class DicomAnswerPicture
{
    /// <summary>Height of the banner, in pixels.</summary>
    public const int BannerHeight = 68;

    /// <summary>The banner's first line, burned in.</summary>
    public const string ResearchUseOnly = "RESEARCH USE ONLY \u2014 NOT FOR DIAGNOSIS";

    /// <summary>Renders the picture: row-major RGB, <c>Width × Height × 3</c> bytes, Width = the overlay's width and
    /// Height = <see cref="BannerHeight"/> + the overlay's height.</summary>
    public static (byte[] Rgb, int Width, int Height) Render(Prediction prediction, ModelInfo model)
    {
        var (overlay, width, overlayHeight) = HeatmapRenderer.RenderOverlayRgb(prediction, onOriginal: true, opacity: 0.45f);
        var height = BannerHeight + overlayHeight;
        var rgb = new byte[width * height * 3];
        DrawBanner(prediction, model, rgb, width);
        overlay.CopyTo(rgb.AsSpan(width * BannerHeight * 3));
        return (rgb, width, height);
    }

    /// <summary>The banner's second line: the model.</summary>
    public static string ModelLine(ModelInfo model) => $"model {model.Name} {model.Version}";

    /// <summary>The banner's third line: probability, decision and threshold (and, when forced, that it is no finding).</summary>
    public static string DecisionLine(Prediction prediction)
    {
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"P(pneumonia) {prediction.Probability:0.000} \u2192 {prediction.Label} (threshold {prediction.Threshold:0.000})");
        return prediction.InputCheck.IsChestXray ? line : line + " \u00b7 FORCED: not a finding";
    }

    private static void DrawBanner(Prediction prediction, ModelInfo model, byte[] rgb, int width)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, BannerHeight, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(140, 16, 16));
            using var white = new SKPaint { Color = SKColors.White, IsAntialias = true };
            DrawFitted(canvas, ResearchUseOnly, 21, 17, width, white, embolden: true);
            DrawFitted(canvas, ModelLine(model), 42, 13, width, white, embolden: false);
            DrawFitted(canvas, DecisionLine(prediction), 61, 13, width, white, embolden: false);
        }

        var source = bitmap.GetPixelSpan();
        for (var i = 0; i < width * BannerHeight; i++)
        {
            rgb[i * 3] = source[i * 4];
            rgb[(i * 3) + 1] = source[(i * 4) + 1];
            rgb[(i * 3) + 2] = source[(i * 4) + 2];
        }
    }

    // A long model name or version must not run off the picture: the font shrinks until the line fits.
    private static void DrawFitted(SKCanvas canvas, string text, float baseline, float size, int width, SKPaint paint, bool embolden)
    {
        using var font = new SKFont(HeatmapRenderer.Typeface, size) { Embolden = embolden };
        var available = width - 20f;
        var measured = font.MeasureText(text);
        if (measured > available)
        {
            font.Size = Math.Max(6f, size * available / measured);
        }

        canvas.DrawText(text, 10, baseline, SKTextAlign.Left, font, paint);
    }
}
