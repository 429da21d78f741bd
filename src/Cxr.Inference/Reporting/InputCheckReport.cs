using System.Text.Json.Serialization;

namespace Cxr.Inference.Reporting;

/// <summary>Whether the image is a frontal chest X-ray at all (the input guard), part of every prediction and of the
/// <c>not-a-chest-xray</c> problem.</summary>
/// <param name="IsChestXray">True when every check passed.</param>
/// <param name="Reason">The failed check: for DICOM the header gate's <c>dicom_modality</c>, <c>for_processing</c>,
/// <c>dicom_body_part</c> or <c>lateral</c> (checked first), then the image guard's <c>color</c>, <c>aspect_ratio</c>,
/// <c>low_contrast</c>, <c>rotated</c>, <c>inverted</c> or <c>out_of_distribution</c>; null when the image passed.</param>
/// <param name="Message">One sentence for people; null when the image passed.</param>
/// <param name="Score">Out-of-distribution score (Mahalanobis distance of the image's features to the nearest training
/// reference); null when the model has no learned guard.</param>
/// <param name="ScoreThreshold">Scores above this are refused as out of distribution; null without a learned guard.</param>
/// <param name="MeanChroma">Mean chroma of the image in [0, 1] (0 = gray).</param>
public sealed record InputCheckReport(bool IsChestXray, string? Reason, string? Message, double? Score, double? ScoreThreshold, double MeanChroma)
{
    /// <summary>What the answer should be read with although nothing refused it (<c>code</c>, e.g. <c>adult</c>, and
    /// <c>message</c>); absent when there is nothing, so documents without warnings are as they always were.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<InputCheckWarning>? Warnings { get; init; }

    /// <summary>The reported shape of <paramref name="check"/>. The model's threshold is rounded like the score
    /// (<see cref="InputGuard"/> rounds that), so the two compare at the precision shown.</summary>
    public static InputCheckReport From(InputCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return new(check.IsChestXray, check.Reason, check.Message, check.Score, check.ScoreThreshold is { } t ? Math.Round(t, 3) : null, check.MeanChroma)
        {
            Warnings = check.Warnings.Count == 0 ? null : check.Warnings,
        };
    }
}
