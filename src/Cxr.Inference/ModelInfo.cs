using Cxr.Core.Contracts;
using Cxr.Core.Imaging;

namespace Cxr.Inference;

/// <summary>What a loaded cxr model is: its <see cref="ModelCard"/> (the typed ONNX metadata) plus what loading it
/// established about the file and the graph.</summary>
/// <param name="Card">The model card read from the file's metadata.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the model file's bytes (64 characters).</param>
/// <param name="Metadata">Every metadata entry of the file, by key, exactly as stored.</param>
public sealed record ModelInfo(ModelCard Card, string Sha256, IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>Model name, e.g. <c>cxr-default</c>.</summary>
    public string Name => Card.Name;

    /// <summary>Model version.</summary>
    public string Version => Card.Version;

    /// <summary>Architecture id: <c>cxrnet</c> or <c>seed-cnn</c>.</summary>
    public string Architecture => Card.Architecture;

    /// <summary>The image pipeline spec the model was trained with.</summary>
    public PreprocessSpec Preprocess => Card.Preprocess;

    /// <summary>Class names by class id (<see cref="ClassLabels.All"/>).</summary>
    public IReadOnlyList<string> Labels => Card.Labels;

    /// <summary>Operating threshold on the calibrated PNEUMONIA probability, in [0, 1].</summary>
    public double Threshold => Card.Threshold;

    /// <summary>How the threshold was chosen (<c>youden</c>, <c>sensitivity:0.95</c>), or <c>unspecified</c>.</summary>
    public string ThresholdPolicy => Card.ThresholdPolicy ?? "unspecified";

    /// <summary>Calibration temperature already applied inside the graph (&gt; 0; 1 = uncalibrated).</summary>
    public double Temperature => Card.Temperature;

    /// <summary>When training finished (ISO 8601 UTC), if recorded.</summary>
    public string? TrainedUtc => Card.TrainedUtc;

    /// <summary>Validation metrics at the stored threshold as JSON, if recorded.</summary>
    public string? ValidationMetricsJson => Card.ValidationMetricsJson;

    /// <summary>The graph has a <c>heatmap</c> output (global-average-pool heads).</summary>
    public bool HasHeatmap => Outputs.Contains(OnnxModelContract.HeatmapOutput, StringComparer.Ordinal);

    /// <summary>The graph has a <c>member_spread</c> output (ensembles: how much the members disagree).</summary>
    public bool HasMemberSpread => Outputs.Contains(OnnxModelContract.MemberSpreadOutput, StringComparer.Ordinal);

    /// <summary>What the ensemble is made of; null for a single model.</summary>
    public EnsembleSpec? Ensemble => Card.Ensemble;

    /// <summary>How the model checks that an image is a frontal chest X-ray; models without a guard in their card get
    /// <see cref="InputGuardSpec.ImageChecksOnly"/>.</summary>
    public InputGuardSpec Guard => Card.Guard ?? InputGuardSpec.ImageChecksOnly;

    /// <summary>Where the model came from: the path it was loaded from, or the source name given with its bytes.</summary>
    public string Source { get; init; } = string.Empty;

    /// <summary>Size of the model file in bytes.</summary>
    public long FileBytes { get; init; }

    /// <summary>Side h × w of the heatmap grid (e.g. 14 × 14), or null without a heatmap.</summary>
    public (int Height, int Width)? HeatmapGrid { get; init; }

    /// <summary>The self-test the model passed at load (weights checksum and probe images); null only before it ran.</summary>
    public ModelSelfTestResult? SelfTest { get; init; }

    /// <summary>The graph's output names, in graph order.</summary>
    public IReadOnlyList<string> Outputs { get; init; } = [];
}
