using System.Text.Json.Serialization;

namespace Cxr.Training.Augmentation;

/// <summary>Random per-image transforms applied to training batches (never to validation).</summary>
/// <remarks>The positional parameters are the original recipe's levers. The init-only properties below them (framing,
/// occlusion, acquisition) default to off, so a recipe that does not set them augments bit for bit as before and
/// consumes the same random numbers. Pixel magnitudes are model-input pixels; fractions are of the image side.</remarks>
/// <param name="RotationDegrees">Uniform rotation in ±degrees.</param>
/// <param name="Scale">Uniform zoom factor in 1 ± Scale.</param>
/// <param name="Translation">Uniform shift in ± this fraction of the image side, per axis.</param>
/// <param name="Brightness">Multiplicative brightness in 1 ± Brightness.</param>
/// <param name="Contrast">Contrast about the image mean in 1 ± Contrast.</param>
/// <param name="HorizontalFlip">Mirror left-right with probability 1/2. Off by default: the heart sits on the left.</param>
public sealed record AugmentationOptions(
    double RotationDegrees = 10,
    double Scale = 0.10,
    double Translation = 0.10,
    double Brightness = 0.20,
    double Contrast = 0.20,
    bool HorizontalFlip = false)
{
    /// <summary>No augmentation (the notebook recipe).</summary>
    public static AugmentationOptions None { get; } = new(0, 0, 0, 0, 0, false);

    /// <summary>Random resized crop: the crop keeps a uniform share in [CropMinArea, 1] of the film's area, at a random
    /// position, stretched back to the full side (a tighter field of view). 1 = off.</summary>
    public double CropMinArea { get; init; } = 1;

    /// <summary>The crop's width/height ratio is log-uniform in [1/CropMaxAspect, CropMaxAspect].</summary>
    public double CropMaxAspect { get; init; } = 4.0 / 3.0;

    /// <summary>Zoom out: the film is shrunk by a uniform field factor in [1, ZoomOutMax] and placed at a random
    /// position, the margin filled (see <see cref="EdgeFillProbability"/>): a looser field of view. 1 = off.</summary>
    public double ZoomOutMax { get; init; } = 1;

    /// <summary>Share of images framed by the zoom-out rather than the crop, when both are on.</summary>
    public double ZoomOutProbability { get; init; } = 0.5;

    /// <summary>When set, the zoom-out share for PNEUMONIA films, and <see cref="ZoomOutProbability"/> is the share for
    /// NORMAL films: framing by class, so the crop (tighter field) can fall more often on NORMAL films and the zoom-out
    /// (looser field) on PNEUMONIA films, against a framing cue that reads a tight field as PNEUMONIA. Null (the
    /// default) = one share for both classes. Needs the batch's labels (<see cref="BatchAugmenter"/>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? PneumoniaZoomOutProbability { get; init; }

    /// <summary>True when the zoom-out is on and <see cref="PneumoniaZoomOutProbability"/> is set and differs from
    /// <see cref="ZoomOutProbability"/>: only then does the framing draw depend on the label.</summary>
    [JsonIgnore]
    public bool FramesByClass => ZoomOutMax > 1 && PneumoniaZoomOutProbability is { } p && p != ZoomOutProbability;

    /// <summary>Probability that what comes into view from outside the film (zoom-out margin, rotated corners, shifted
    /// edge) repeats the edge pixels instead of being black. 0 = always black (the original recipe).</summary>
    public double EdgeFillProbability { get; init; }

    /// <summary>Probability of a black frame (collimator shutters): each side's width is uniform in [0, FrameMaxWidth]
    /// of the side, one width for all four sides or one per side (even odds). 0 = off.</summary>
    public double FrameProbability { get; init; }

    public double FrameMaxWidth { get; init; } = 0.12;

    /// <summary>Probability of a black or white square (a side marker or a covered one) in a random corner, its side
    /// uniform in [CornerPatchMinSize, CornerPatchMaxSize] of the image side, 0–5 % in from the corner. 0 = off.</summary>
    public double CornerPatchProbability { get; init; }

    public double CornerPatchMinSize { get; init; } = 0.05;

    public double CornerPatchMaxSize { get; init; } = 0.15;

    /// <summary>Gamma curve <c>v^γ</c> with γ log-uniform in [1/GammaMax, GammaMax]. 1 = off.</summary>
    public double GammaMax { get; init; } = 1;

    /// <summary>Probability of a Gaussian blur with σ uniform in [BlurSigmaMin, BlurSigmaMax] pixels. 0 = off.</summary>
    public double BlurProbability { get; init; }

    /// <summary>Probability of an unsharp mask <c>v + a·(v − blur(v))</c>, σ as the blur's, amount a uniform in
    /// [0, SharpenAmountMax]; exclusive with the blur. 0 = off.</summary>
    public double SharpenProbability { get; init; }

    public double BlurSigmaMin { get; init; } = 0.5;

    public double BlurSigmaMax { get; init; } = 1.5;

    public double SharpenAmountMax { get; init; } = 1.5;

    /// <summary>Additive Gaussian noise with σ uniform in [0, NoiseSigmaMax] (intensity in [0, 1]). 0 = off.</summary>
    public double NoiseSigmaMax { get; init; }

    /// <summary>True when every transform is off.</summary>
    public bool IsIdentity => !HasBaseLevers && !HasExtendedLevers;

    /// <summary>True when a lever of the original recipe (affine, brightness, contrast, flip) is on.</summary>
    [JsonIgnore]
    public bool HasBaseLevers => RotationDegrees != 0 || Scale != 0 || Translation != 0 || Brightness != 0 || Contrast != 0 || HorizontalFlip;

    /// <summary>True when the crop or the zoom-out is on.</summary>
    [JsonIgnore]
    public bool HasFraming => CropMinArea < 1 || ZoomOutMax > 1;

    /// <summary>True when the frame or the corner patch is on.</summary>
    [JsonIgnore]
    public bool HasOcclusion => FrameProbability > 0 || CornerPatchProbability > 0;

    /// <summary>True when the blur or the unsharp mask is on.</summary>
    [JsonIgnore]
    public bool HasBlur => BlurProbability > 0 || SharpenProbability > 0;

    /// <summary>True when any lever beyond the original recipe's is on; only then are their random numbers drawn.</summary>
    [JsonIgnore]
    public bool HasExtendedLevers => HasFraming || HasOcclusion || HasBlur || EdgeFillProbability > 0 || GammaMax > 1 || NoiseSigmaMax > 0;

    /// <summary>Throws when a value is outside its documented range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        Check(CropMinArea is > 0 and <= 1, nameof(CropMinArea), "in (0, 1]");
        Check(CropMaxAspect >= 1, nameof(CropMaxAspect), "at least 1");
        Check(ZoomOutMax is >= 1 and <= 4, nameof(ZoomOutMax), "in [1, 4]");
        Check(GammaMax is >= 1 and <= 4, nameof(GammaMax), "in [1, 4]");
        Check(FrameMaxWidth is >= 0 and < 0.5, nameof(FrameMaxWidth), "in [0, 0.5)");
        Check(CornerPatchMinSize >= 0 && CornerPatchMaxSize >= CornerPatchMinSize && CornerPatchMaxSize <= 0.5, nameof(CornerPatchMaxSize), "at least CornerPatchMinSize >= 0 and at most 0.5");
        Check(BlurSigmaMin > 0 && BlurSigmaMax >= BlurSigmaMin && BlurSigmaMax <= 5, nameof(BlurSigmaMax), "at least BlurSigmaMin > 0 and at most 5 pixels");
        Check(SharpenAmountMax >= 0 && NoiseSigmaMax >= 0, nameof(SharpenAmountMax), "non-negative (so is NoiseSigmaMax)");
        Check(BlurProbability + SharpenProbability <= 1, nameof(BlurProbability), "such that BlurProbability + SharpenProbability <= 1");
        Check(PneumoniaZoomOutProbability is null or (>= 0 and <= 1), nameof(PneumoniaZoomOutProbability), "a probability in [0, 1] or null");
        foreach (var (name, p) in new[] { (nameof(ZoomOutProbability), ZoomOutProbability), (nameof(EdgeFillProbability), EdgeFillProbability), (nameof(FrameProbability), FrameProbability), (nameof(CornerPatchProbability), CornerPatchProbability), (nameof(BlurProbability), BlurProbability), (nameof(SharpenProbability), SharpenProbability) })
        {
            Check(p is >= 0 and <= 1, name, "a probability in [0, 1]");
        }
    }

    private static void Check(bool valid, string name, string range)
    {
        if (!valid)
        {
            throw new ArgumentOutOfRangeException(name, $"Augmentation option {name} must be {range}.");
        }
    }
}
