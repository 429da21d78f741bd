using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cxr.Web.Contracts;

/// <summary>The model card: everything the model file says about itself, plus its intended use.</summary>
/// <param name="Name">Model name.</param>
/// <param name="Version">Model version.</param>
/// <param name="Sha256">SHA-256 of the ONNX file.</param>
/// <param name="Architecture">Network architecture id (<c>cxrnet</c>, <c>seed-cnn</c>).</param>
/// <param name="Labels">Class names by class id: <c>NORMAL</c>, <c>PNEUMONIA</c>.</param>
/// <param name="Threshold">Operating threshold on the PNEUMONIA probability, in [0, 1].</param>
/// <param name="ThresholdPolicy">How the threshold was chosen (<c>youden</c>, <c>sensitivity:0.95</c>).</param>
/// <param name="Temperature">Calibration temperature applied before the sigmoid (1 = uncalibrated).</param>
/// <param name="TrainedUtc">When training finished (ISO 8601), if recorded.</param>
/// <param name="ValidationMetrics">Validation metrics at the threshold, as recorded at training time.</param>
/// <param name="HasHeatmap">Whether the model can explain its answer with a class-activation heatmap.</param>
/// <param name="Preprocess">Input preprocessing.</param>
/// <param name="IntendedUse">The intended-use statement: the research-use disclaimer, word for word as the page and the
/// command line show it.</param>
/// <param name="Metadata">All raw <c>metadata_props</c> of the ONNX file.</param>
public sealed record ModelCardResponse(
    string Name,
    string Version,
    string Sha256,
    string Architecture,
    IReadOnlyList<string> Labels,
    double Threshold,
    string ThresholdPolicy,
    double Temperature,
    string? TrainedUtc,
    JsonElement? ValidationMetrics,
    bool HasHeatmap,
    PreprocessSummary Preprocess,
    string IntendedUse,
    IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>For an ensemble, its member count K (its predictions then carry <c>memberSpread</c>); absent for a single
    /// model.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? EnsembleMembers { get; init; }
}
