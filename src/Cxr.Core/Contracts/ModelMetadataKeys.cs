namespace Cxr.Core.Contracts;

/// <summary>
/// Keys of the <c>metadata_props</c> every cxr ONNX model carries, each written and read only by <see cref="ModelCard"/>,
/// which holds their types and meaning. The model file is self-describing: whoever serves it reads its input contract,
/// labels and operating threshold from it, so they cannot be mismatched.
/// </summary>
public static class ModelMetadataKeys
{
    /// <summary>Version of this metadata contract (<see cref="ModelCard.CurrentSchema"/>); readers refuse versions they do
    /// not know.</summary>
    public const string Schema = "cxr.schema";

    /// <summary>Architecture id (<c>cxrnet</c>, <c>seed-cnn</c>).</summary>
    public const string Architecture = "cxr.arch";

    /// <summary>Human-readable model name, e.g. <c>cxr-default</c>.</summary>
    public const string Name = "cxr.name";

    /// <summary>Model version (the toolkit version that trained it, plus the date).</summary>
    public const string Version = "cxr.version";

    /// <summary>The image pipeline's spec as JSON (see <c>PreprocessSpec.ToJson</c>).</summary>
    public const string Preprocess = "cxr.preprocess";

    /// <summary>JSON array of class names, index = class id (<see cref="ClassLabels.All"/>).</summary>
    public const string Labels = "cxr.labels";

    /// <summary>Operating threshold on the calibrated PNEUMONIA probability (invariant culture).</summary>
    public const string Threshold = "cxr.threshold";

    /// <summary>How the threshold was chosen (<c>youden</c>, <c>sensitivity:0.95</c>).</summary>
    public const string ThresholdPolicy = "cxr.threshold.policy";

    /// <summary>Temperature already applied inside the graph before the sigmoid.</summary>
    public const string Temperature = "cxr.temperature";

    /// <summary>UTC time training finished, ISO 8601.</summary>
    public const string TrainedUtc = "cxr.trained_utc";

    /// <summary>SHA-256 of the manifest (train/val split) the model was trained on.</summary>
    public const string ManifestSha256 = "cxr.data.manifest_sha256";

    /// <summary>Validation metrics at the stored threshold, JSON.</summary>
    public const string ValidationMetrics = "cxr.metrics.validation";

    /// <summary>The exact command line that trained the model.</summary>
    public const string TrainCommand = "cxr.train.command";

    /// <summary>Training options as JSON, for the record.</summary>
    public const string TrainOptions = "cxr.train.options";

    /// <summary>Square input size in pixels (also inside <see cref="Preprocess"/>).</summary>
    public const string InputSize = "cxr.input.size";

    /// <summary>Comma-separated graph outputs.</summary>
    public const string Outputs = "cxr.outputs";

    /// <summary>Heatmap grid, e.g. <c>7x7</c>, when the model has a <c>heatmap</c> output.</summary>
    public const string HeatmapSize = "cxr.heatmap.size";

    /// <summary>The input guard ("is this a chest X-ray?") as JSON (see <c>InputGuardSpec</c>); optional: a model
    /// without it gets the image checks only.</summary>
    public const string InputGuard = "cxr.guard";

    /// <summary>The self-test as JSON (see <c>ModelSelfTestSpec</c>): the probe images' outputs as TorchSharp computed them
    /// at export; the predictor refuses a model whose ONNX Runtime outputs disagree.</summary>
    public const string SelfTest = "cxr.selftest";

    /// <summary>Lower-case hex SHA-256 of the graph's initializers (see <c>OnnxWeightsHash</c>); the predictor refuses a
    /// model whose weights no longer hash to it.</summary>
    public const string WeightsSha256 = "cxr.weights.sha256";

    /// <summary>SHA-256 of the file a model was upgraded from by <c>cxr model upgrade</c> (same graph and weights, with a
    /// self-test and weights checksum added); absent in models written by training.</summary>
    public const string UpgradedFrom = "cxr.upgraded_from";

    /// <summary>What an ensemble is made of, as JSON (see <c>EnsembleSpec</c>): member count, member seeds, fold seed
    /// and what it was calibrated on; absent in single models.</summary>
    public const string Ensemble = "cxr.ensemble";
}
