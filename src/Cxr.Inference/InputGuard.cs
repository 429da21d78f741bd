using System.Globalization;
using Cxr.Core.Contracts;
using Cxr.Core.Imaging;
using Cxr.Core.Imaging.Dicom;

namespace Cxr.Inference;

/// <summary>
/// Decides <see cref="InputCheck"/> for one image from the model's <see cref="InputGuardSpec"/>: for DICOM the header
/// gate first (<see cref="DicomHeaderGate"/>: what the file says it is), then colour, shape and contrast (they need no
/// model), then the learned feature distances when the model has them. The first failing check is the reason; the
/// header gate's warnings are kept whatever the verdict.
/// </summary>
public static class InputGuard
{
    /// <summary>Checks <paramref name="image"/>; <paramref name="squaredDistances"/> is its row of the model's
    /// <c>guard_distances</c> output (empty when the model has none).</summary>
    public static InputCheck Check(InputGuardSpec spec, PreprocessedImage image, ReadOnlySpan<float> squaredDistances)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(image);
        double? score = null;
        var verdict = DistanceVerdict.InDistribution;
        if (spec.HasDistances && !squaredDistances.IsEmpty)
        {
            var wide = new double[squaredDistances.Length];
            for (var i = 0; i < wide.Length; i++)
            {
                wide[i] = squaredDistances[i];
            }

            (verdict, var distance) = spec.Judge(wide);
            score = double.IsFinite(distance) ? Math.Round(distance, 3) : null;
        }

        var threshold = spec.HasDistances ? spec.DistanceThreshold : null;
        var chroma = Math.Round(image.MeanChroma, 4);
        var original = image.Original;
        var aspect = (double)Math.Max(original.Width, original.Height) / Math.Min(original.Width, original.Height);
        // The film before the model's contrast step: equalising would spread even a nearly flat image over the whole range.
        var contrast = Contrast(image.ResizedBeforeContrast);
        // NaN features (a degenerate input) have no score to print.
        var shownScore = score?.ToString("0.0", CultureInfo.InvariantCulture) ?? "not finite";
        var (reason, message) =
            image.MeanChroma > spec.MaxMeanChroma
                ? (InputCheckReasons.Color, Say($"The image is in colour (mean chroma {image.MeanChroma:0.000}, limit {spec.MaxMeanChroma:0.000}); chest X-rays are grayscale."))
            : aspect > spec.MaxAspectRatio
                ? (InputCheckReasons.AspectRatio, Say($"The image is {original.Width} × {original.Height} pixels (aspect ratio {aspect:0.0}:1, limit {spec.MaxAspectRatio:0.0}:1); a chest film is not that elongated."))
            : contrast < spec.MinContrast
                ? (InputCheckReasons.LowContrast, Say($"The image is almost one flat tone (contrast {contrast:0.000}, minimum {spec.MinContrast:0.000}); there is nothing to read."))
            : verdict switch
            {
                DistanceVerdict.Inverted => (InputCheckReasons.Inverted, "The image looks like an inverted chest film (a negative); invert it back before uploading."),
                DistanceVerdict.Rotated => (InputCheckReasons.Rotated, "The image looks like a chest film turned on its side or upside down; rotate it upright before uploading."),
                DistanceVerdict.OutOfDistribution => (InputCheckReasons.OutOfDistribution, Say($"The image does not look like the frontal chest X-rays the model was trained on (score {shownScore}, limit {threshold:0.0}).")),
                _ => ((string?)null, (string?)null),
            };
        var gate = image.DicomHeader is { } header ? DicomHeaderGate.Check(header) : DicomGateResult.Pass;
        if (gate.Refusal is { } refusal)
        {
            (reason, message) = (refusal.Code, refusal.Message);
        }

        return new InputCheck(reason is null, reason, message, score, threshold, chroma) { Warnings = WarningsOf(gate) };
    }

    /// <summary>The header gate's verdict on <paramref name="header"/> as an input check, before any pixel is decoded:
    /// a refusal (no score; mean chroma 0, as nothing was measured), or null when the header refuses nothing (the image
    /// is then judged as usual, warnings included).</summary>
    public static InputCheck? CheckHeader(InputGuardSpec spec, DicomHeader header)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(header);
        var gate = DicomHeaderGate.Check(header);
        return gate.Refusal is { } refusal
            ? new InputCheck(false, refusal.Code, refusal.Message, null, spec.HasDistances ? spec.DistanceThreshold : null, 0) { Warnings = WarningsOf(gate) }
            : null;
    }

    private static IReadOnlyList<InputCheckWarning> WarningsOf(DicomGateResult gate) =>
        gate.Warnings.Count == 0 ? [] : [.. gate.Warnings.Select(w => new InputCheckWarning(w.Code, w.Message))];

    /// <summary>Standard deviation of the pixels / 255, in [0, 0.5].</summary>
    internal static double Contrast(GrayImage image)
    {
        long sum = 0, squares = 0;
        foreach (var p in image.Pixels)
        {
            sum += p;
            squares += p * p;
        }

        var n = (double)image.Pixels.Length;
        var mean = sum / n;
        return Math.Sqrt(Math.Max(0, (squares / n) - (mean * mean))) / 255;
    }

    private static string Say(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);
}
