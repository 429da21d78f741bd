using Cxr.Core.Contracts;
using Cxr.Core.Imaging;

namespace Cxr.Inference;

/// <summary>What a loaded cxr model is, read from its ONNX metadata (see <c>Cxr.Core.Contracts.ModelMetadataKeys</c>).</summary>
/// <param name="Name">Model name (<c>cxr.name</c>), e.g. <c>cxr-default</c>.</param>
/// <param name="Version">Model version (<c>cxr.version</c>).</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the model file's bytes (64 characters).</param>
/// <param name="Architecture">Architecture id (<c>cxr.arch</c>): <c>cxrnet</c> or <c>seed-cnn</c>.</param>
/// <param name="Preprocess">The image pipeline spec the model was trained with (<c>cxr.preprocess</c>).</param>
/// <param name="Labels">Class names by class id: <see cref="Cxr.Core.Contracts.ClassLabels.All"/>.</param>
/// <param name="Threshold">Operating threshold on the calibrated PNEUMONIA probability, in [0, 1].</param>
/// <param name="ThresholdPolicy">How the threshold was chosen (<c>youden</c>, <c>sensitivity:0.95</c>), or
/// <c>unspecified</c>.</param>
/// <param name="Temperature">Calibration temperature already applied inside the graph (&gt; 0; 1 = uncalibrated).</param>
/// <param name="TrainedUtc">When training finished (ISO 8601 UTC), if recorded.</param>
/// <param name="ValidationMetricsJson">Validation metrics at the stored threshold as JSON, if recorded.</param>
/// <param name="HasHeatmap">The graph has a <c>heatmap</c> output (global-average-pool heads).</param>
/// <param name="Metadata">Every metadata entry of the file, by key.</param>
public sealed record ModelInfo(
    string Name,
    string Version,
    string Sha256,
    string Architecture,
    PreprocessSpec Preprocess,
    IReadOnlyList<string> Labels,
    double Threshold,
    string ThresholdPolicy,
    double Temperature,
    string? TrainedUtc,
    string? ValidationMetricsJson,
    bool HasHeatmap,
    IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>Where the model came from: the path it was loaded from, or the source name given with its bytes.</summary>
    public string Source { get; init; } = string.Empty;

    /// <summary>Size of the model file in bytes.</summary>
    public long FileBytes { get; init; }

    /// <summary>Side h × w of the heatmap grid (e.g. 14 × 14), or null without a heatmap.</summary>
    public (int Height, int Width)? HeatmapGrid { get; init; }

    /// <summary>How the model checks that an image is a frontal chest X-ray (<c>cxr.guard</c>); models without one get
    /// <see cref="InputGuardSpec.ImageChecksOnly"/>.</summary>
    public InputGuardSpec Guard { get; init; } = InputGuardSpec.ImageChecksOnly;

    /// <summary>The self-test the model passed at load (weights checksum and probe images); null only before it ran.</summary>
    public ModelSelfTestResult? SelfTest { get; init; }

    /// <summary>The graph's output names, in graph order.</summary>
    public IReadOnlyList<string> Outputs { get; init; } = [];
}
