using Cxr.Core.Contracts;
using Cxr.Core.Imaging;

namespace Cxr.Inference;

/// <summary>The answer for one image.</summary>
/// <param name="Label"><see cref="ClassLabels.Pneumonia"/> when <paramref name="Probability"/> ≥
/// <paramref name="Threshold"/>, else <see cref="ClassLabels.Normal"/>.</param>
/// <param name="Probability">Calibrated P(PNEUMONIA) in [0, 1] (the model's temperature already applied).</param>
/// <param name="Threshold">The threshold the label was decided at: the request's override or the model's.</param>
/// <param name="Logit">The uncalibrated logit (PNEUMONIA positive); <c>Probability = sigmoid(Logit / temperature)</c>.</param>
/// <param name="Heatmap">Where the evidence for PNEUMONIA lies; null when the model has no heatmap output or none was
/// requested.</param>
/// <param name="Timings">Where the time went.</param>
/// <param name="Image">The decoded image and exactly what the model saw (for overlays).</param>
/// <param name="InputCheck">Whether the image is a frontal chest X-ray at all; when not, <paramref name="Label"/> is not
/// a finding.</param>
public sealed record Prediction(
    string Label,
    double Probability,
    double Threshold,
    double Logit,
    Heatmap? Heatmap,
    PredictionTimings Timings,
    PreprocessedImage Image,
    InputCheck InputCheck)
{
    /// <summary>An ensemble's disagreement, in [0, 0.5]: the population standard deviation over its members of their
    /// calibrated probabilities (the <c>member_spread</c> output); null for a single model.</summary>
    public double? MemberSpread { get; init; }

    /// <summary>True when <see cref="Label"/> is <see cref="ClassLabels.Pneumonia"/>.</summary>
    public bool IsPneumonia => Label == ClassLabels.Pneumonia;
}
