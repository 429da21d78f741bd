namespace Cxr.Inference;

/// <summary>The answer to "is this a frontal chest X-ray?", part of every <see cref="Prediction"/>. When
/// <see cref="IsChestXray"/> is false the classifier's label is not meaningful and should not be shown as a finding.</summary>
/// <param name="IsChestXray">True when every check passed.</param>
/// <param name="Reason">The first check that failed (one of <see cref="InputCheckReasons"/>), or null.</param>
/// <param name="Message">One sentence for people, or null when the image passed.</param>
/// <param name="Score">Out-of-distribution score: the Mahalanobis distance of the image's features to the nearest
/// upright training reference (0 = typical; above <see cref="ScoreThreshold"/> = refused); null when the model carries
/// no learned guard.</param>
/// <param name="ScoreThreshold">The model's threshold for <see cref="Score"/>, or null without a learned guard.</param>
/// <param name="MeanChroma">Mean chroma of the decoded image in [0, 1] (0 for gray, and for a DICOM file its header
/// refused before the pixels were decoded).</param>
/// <remarks>For DICOM the header gate (<see cref="Cxr.Core.Imaging.Dicom.DicomHeaderGate"/>) is checked first: a header
/// refusal is the <see cref="Reason"/> whatever the pixels look like.</remarks>
public sealed record InputCheck(bool IsChestXray, string? Reason, string? Message, double? Score, double? ScoreThreshold, double MeanChroma)
{
    /// <summary>What the answer should be read with although no check refused it (e.g. <c>adult</c>); empty when
    /// nothing. Present whether or not the image was refused.</summary>
    public IReadOnlyList<InputCheckWarning> Warnings { get; init; } = [];
}
