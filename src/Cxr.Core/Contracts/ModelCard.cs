using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Cxr.Core.Imaging;

namespace Cxr.Core.Contracts;

/// <summary>
/// Everything a cxr ONNX file says about itself, typed: the one place that writes (<see cref="ToMetadata"/>) and reads
/// (<see cref="Parse"/>) its <c>metadata_props</c>. Training fills the description, the exporter the facts of the graph
/// (architecture, outputs, heatmap grid, guard, self-test, weights checksum), and every reader — the predictor,
/// <c>cxr model info</c>, <c>/api/v1/model</c>, the importer — gets the same record back. Keys this build does not know
/// are kept in <see cref="OtherEntries"/> and written back unchanged.
/// </summary>
/// <remarks>The keys are the constants of <see cref="ModelMetadataKeys"/>; the graph's input and output names are in
/// <see cref="OnnxModelContract"/>.</remarks>
public sealed record ModelCard
{
    /// <summary>The <see cref="Schema"/> this build writes and reads.</summary>
    public const string CurrentSchema = "1";

    /// <summary>Version of the metadata contract (<c>cxr.schema</c>); <see cref="Parse"/> refuses others.</summary>
    public string Schema { get; init; } = CurrentSchema;

    /// <summary>Human-readable model name (<c>cxr.name</c>), e.g. <c>cxr-default</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Model version (<c>cxr.version</c>): the toolkit version that trained it, plus the date.</summary>
    public required string Version { get; init; }

    /// <summary>Architecture id (<c>cxr.arch</c>): <c>cxrnet</c>, <c>seed-cnn</c>; set by the exporter from the
    /// model, so a training run leaves it empty.</summary>
    public string Architecture { get; init; } = string.Empty;

    /// <summary>The image pipeline's spec (<c>cxr.preprocess</c>, JSON); its size is also written as
    /// <c>cxr.input.size</c>.</summary>
    public required PreprocessSpec Preprocess { get; init; }

    /// <summary>Class names by class id (<c>cxr.labels</c>, JSON array); this build serves only
    /// <see cref="ClassLabels.All"/>.</summary>
    public IReadOnlyList<string> Labels { get; init; } = ClassLabels.All;

    /// <summary>Operating threshold on the calibrated PNEUMONIA probability, in [0, 1] (<c>cxr.threshold</c>).</summary>
    public required double Threshold { get; init; }

    /// <summary>How the threshold was chosen (<c>cxr.threshold.policy</c>): <c>youden</c>, <c>sensitivity:0.95</c>;
    /// null when not recorded.</summary>
    public string? ThresholdPolicy { get; init; }

    /// <summary>Calibration temperature T &gt; 0 applied inside the graph: probability = sigmoid(logit / T)
    /// (<c>cxr.temperature</c>); 1 = uncalibrated. The exporter builds the graph with it.</summary>
    public required double Temperature { get; init; }

    /// <summary>When training finished, ISO 8601 UTC (<c>cxr.trained_utc</c>).</summary>
    public string? TrainedUtc { get; init; }

    /// <summary>SHA-256 of the manifest (train/val split) the model was trained on (<c>cxr.data.manifest_sha256</c>).</summary>
    public string? ManifestSha256 { get; init; }

    /// <summary>Validation metrics at the stored threshold, as JSON (<c>cxr.metrics.validation</c>).</summary>
    public string? ValidationMetricsJson { get; init; }

    /// <summary>The command line that trained the model (<c>cxr.train.command</c>).</summary>
    public string? TrainCommand { get; init; }

    /// <summary>Training options as JSON, for the record (<c>cxr.train.options</c>).</summary>
    public string? TrainOptionsJson { get; init; }

    /// <summary>The graph's output names in graph order (<c>cxr.outputs</c>, comma-separated); set by the exporter.</summary>
    public IReadOnlyList<string> Outputs { get; init; } = [];

    /// <summary>The heatmap grid h × w (<c>cxr.heatmap.size</c>, e.g. <c>7x7</c>) when the graph has a
    /// <see cref="OnnxModelContract.HeatmapOutput"/> output; set by the exporter.</summary>
    public (int Height, int Width)? HeatmapSize { get; init; }

    /// <summary>The input guard (<c>cxr.guard</c>, JSON); null for a model with the image checks only.</summary>
    public InputGuardSpec? Guard { get; init; }

    /// <summary>The probe images' outputs as TorchSharp computed them at export (<c>cxr.selftest</c>, JSON).</summary>
    public ModelSelfTestSpec? SelfTest { get; init; }

    /// <summary>Lower-case hex SHA-256 of the graph's initializers (<c>cxr.weights.sha256</c>, see
    /// <see cref="OnnxWeightsHash"/>).</summary>
    public string? WeightsSha256 { get; init; }

    /// <summary>SHA-256 of the file this one was made from by <c>cxr model upgrade</c> (<c>cxr.upgraded_from</c>); null
    /// for models written by training.</summary>
    public string? UpgradedFrom { get; init; }

    /// <summary>What the ensemble is made of (<c>cxr.ensemble</c>, JSON); null for a single model. Set by the
    /// training run of <c>cxr train --ensemble</c>.</summary>
    public EnsembleSpec? Ensemble { get; init; }

    /// <summary>Entries under keys this build does not know (a newer writer's), kept verbatim and shown by readers.</summary>
    public IReadOnlyDictionary<string, string> OtherEntries { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Every key this record reads and writes, in the order <see cref="Parse"/> checks the required ones.</summary>
    public static IReadOnlyList<string> KnownKeys { get; } =
    [
        ModelMetadataKeys.Schema, ModelMetadataKeys.Name, ModelMetadataKeys.Version, ModelMetadataKeys.Architecture,
        ModelMetadataKeys.Preprocess, ModelMetadataKeys.Labels, ModelMetadataKeys.Threshold, ModelMetadataKeys.Temperature,
        ModelMetadataKeys.ThresholdPolicy, ModelMetadataKeys.TrainedUtc, ModelMetadataKeys.ManifestSha256,
        ModelMetadataKeys.ValidationMetrics, ModelMetadataKeys.TrainCommand, ModelMetadataKeys.TrainOptions,
        ModelMetadataKeys.InputSize, ModelMetadataKeys.Outputs, ModelMetadataKeys.HeatmapSize, ModelMetadataKeys.InputGuard,
        ModelMetadataKeys.SelfTest, ModelMetadataKeys.WeightsSha256, ModelMetadataKeys.UpgradedFrom, ModelMetadataKeys.Ensemble,
    ];

    /// <summary>Keys a servable model must carry: the first eight of <see cref="KnownKeys"/>.</summary>
    public static IReadOnlyList<string> RequiredKeys { get; } = [.. KnownKeys.Take(8)];

    /// <summary>The <c>metadata_props</c> entries, sorted by key: every set property under its key, plus
    /// <see cref="OtherEntries"/>. Numbers use the invariant round-trip format.</summary>
    /// <exception cref="ArgumentException">A required text is empty, or an other entry has an empty key, a null value or
    /// a key this record owns.</exception>
    public SortedDictionary<string, string> ToMetadata()
    {
        var metadata = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in OtherEntries)
        {
            if (string.IsNullOrWhiteSpace(key))
            {
                throw new ArgumentException("Metadata keys must not be empty.", nameof(OtherEntries));
            }

            if (KnownKeys.Contains(key, StringComparer.Ordinal))
            {
                throw new ArgumentException($"'{key}' is a model-card property; set it there, not as another entry.", nameof(OtherEntries));
            }

            metadata[key] = value ?? throw new ArgumentException($"Metadata value for '{key}' is null.", nameof(OtherEntries));
        }

        metadata[ModelMetadataKeys.Schema] = Schema;
        metadata[ModelMetadataKeys.Name] = NotEmpty(Name, nameof(Name));
        metadata[ModelMetadataKeys.Version] = NotEmpty(Version, nameof(Version));
        metadata[ModelMetadataKeys.Architecture] = NotEmpty(Architecture, nameof(Architecture));
        metadata[ModelMetadataKeys.Preprocess] = Preprocess.ToJson();
        metadata[ModelMetadataKeys.InputSize] = Preprocess.Size.ToString(CultureInfo.InvariantCulture);
        metadata[ModelMetadataKeys.Labels] = LabelsJson(Labels);
        metadata[ModelMetadataKeys.Threshold] = Threshold.ToString("R", CultureInfo.InvariantCulture);
        metadata[ModelMetadataKeys.Temperature] = Temperature.ToString("R", CultureInfo.InvariantCulture);
        metadata[ModelMetadataKeys.Outputs] = string.Join(',', Outputs);
        Put(metadata, ModelMetadataKeys.ThresholdPolicy, ThresholdPolicy);
        Put(metadata, ModelMetadataKeys.TrainedUtc, TrainedUtc);
        Put(metadata, ModelMetadataKeys.ManifestSha256, ManifestSha256);
        Put(metadata, ModelMetadataKeys.ValidationMetrics, ValidationMetricsJson);
        Put(metadata, ModelMetadataKeys.TrainCommand, TrainCommand);
        Put(metadata, ModelMetadataKeys.TrainOptions, TrainOptionsJson);
        Put(metadata, ModelMetadataKeys.HeatmapSize, HeatmapSize is { } grid ? string.Create(CultureInfo.InvariantCulture, $"{grid.Height}x{grid.Width}") : null);
        Put(metadata, ModelMetadataKeys.InputGuard, Guard?.ToJson());
        Put(metadata, ModelMetadataKeys.SelfTest, SelfTest?.ToJson());
        Put(metadata, ModelMetadataKeys.WeightsSha256, WeightsSha256);
        Put(metadata, ModelMetadataKeys.UpgradedFrom, UpgradedFrom);
        Put(metadata, ModelMetadataKeys.Ensemble, Ensemble?.ToJson());
        return metadata;
    }

    /// <summary>Reads a model's <c>metadata_props</c>. Required: <see cref="RequiredKeys"/>; everything else is optional,
    /// and keys this build does not know go to <see cref="OtherEntries"/>.</summary>
    /// <param name="metadata">The entries by key.</param>
    /// <param name="source">Names the model in messages, e.g. its path.</param>
    /// <exception cref="ModelCardException">A required key is missing or empty, or a value is unusable; the message
    /// names the source, the key, what was found and what was expected.</exception>
    public static ModelCard Parse(IReadOnlyDictionary<string, string> metadata, string source)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (!metadata.TryGetValue(ModelMetadataKeys.Schema, out var schema))
        {
            throw new ModelCardException(
                $"{source} is not a cxr model: it is missing metadata key '{ModelMetadataKeys.Schema}' " +
                $"({(metadata.Count == 0 ? "it has no metadata at all" : "its keys: " + string.Join(", ", metadata.Keys.Order(StringComparer.Ordinal)))})");
        }

        if (schema.Trim() != CurrentSchema)
        {
            throw new ModelCardException($"{source} has {ModelMetadataKeys.Schema} {schema}; this build reads {CurrentSchema}");
        }

        foreach (var key in RequiredKeys)
        {
            if (!metadata.TryGetValue(key, out var value) || string.IsNullOrWhiteSpace(value))
            {
                throw new ModelCardException($"{source} is missing metadata key '{key}'");
            }
        }

        var preprocess = ReadPreprocess(source, metadata[ModelMetadataKeys.Preprocess]);
        var card = new ModelCard
        {
            Schema = CurrentSchema,
            Name = metadata[ModelMetadataKeys.Name],
            Version = metadata[ModelMetadataKeys.Version],
            Architecture = metadata[ModelMetadataKeys.Architecture],
            Preprocess = preprocess,
            Labels = ReadLabels(source, metadata[ModelMetadataKeys.Labels]),
            Threshold = ReadNumber(source, ModelMetadataKeys.Threshold, metadata[ModelMetadataKeys.Threshold], "a probability in [0, 1]", v => v is >= 0 and <= 1),
            Temperature = ReadNumber(source, ModelMetadataKeys.Temperature, metadata[ModelMetadataKeys.Temperature], "a number greater than 0", v => v > 0),
            ThresholdPolicy = Optional(metadata, ModelMetadataKeys.ThresholdPolicy),
            TrainedUtc = Optional(metadata, ModelMetadataKeys.TrainedUtc),
            ManifestSha256 = Optional(metadata, ModelMetadataKeys.ManifestSha256),
            ValidationMetricsJson = Optional(metadata, ModelMetadataKeys.ValidationMetrics),
            TrainCommand = Optional(metadata, ModelMetadataKeys.TrainCommand),
            TrainOptionsJson = Optional(metadata, ModelMetadataKeys.TrainOptions),
            Outputs = Optional(metadata, ModelMetadataKeys.Outputs)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [],
            HeatmapSize = ReadGrid(source, Optional(metadata, ModelMetadataKeys.HeatmapSize)),
            Guard = ReadJson(source, ModelMetadataKeys.InputGuard, Optional(metadata, ModelMetadataKeys.InputGuard), InputGuardSpec.FromJson),
            SelfTest = ReadJson(source, ModelMetadataKeys.SelfTest, Optional(metadata, ModelMetadataKeys.SelfTest), ModelSelfTestSpec.FromJson),
            WeightsSha256 = Optional(metadata, ModelMetadataKeys.WeightsSha256),
            UpgradedFrom = Optional(metadata, ModelMetadataKeys.UpgradedFrom),
            Ensemble = ReadJson(source, ModelMetadataKeys.Ensemble, Optional(metadata, ModelMetadataKeys.Ensemble), EnsembleSpec.FromJson),
            OtherEntries = new SortedDictionary<string, string>(
                metadata.Where(kv => !KnownKeys.Contains(kv.Key, StringComparer.Ordinal)).ToDictionary(StringComparer.Ordinal), StringComparer.Ordinal),
        };
        if (metadata.TryGetValue(ModelMetadataKeys.InputSize, out var inputSize) &&
            (!int.TryParse(inputSize, NumberStyles.Integer, CultureInfo.InvariantCulture, out var size) || size != preprocess.Size))
        {
            throw new ModelCardException(
                $"{source} is inconsistent: '{ModelMetadataKeys.InputSize}' is {inputSize} but '{ModelMetadataKeys.Preprocess}' says size {preprocess.Size}");
        }

        return card;
    }

    private static string NotEmpty(string value, string property) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"The model card's {property} must not be empty.", property) : value;

    private static void Put(SortedDictionary<string, string> metadata, string key, string? value)
    {
        if (value is not null)
        {
            metadata[key] = value;
        }
    }

    private static string? Optional(IReadOnlyDictionary<string, string> metadata, string key) =>
        metadata.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

    private static PreprocessSpec ReadPreprocess(string source, string json)
    {
        try
        {
            var spec = PreprocessSpec.FromJson(json);
            spec.Validate();
            return spec;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw new ModelCardException($"{source} has an unusable '{ModelMetadataKeys.Preprocess}': {ex.Message}", ex);
        }
    }

    private static string LabelsJson(IReadOnlyList<string> labels)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var label in labels)
            {
                writer.WriteStringValue(label);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static IReadOnlyList<string> ReadLabels(string source, string json)
    {
        List<string>? labels = null;
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind == JsonValueKind.Array &&
                document.RootElement.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String))
            {
                labels = [.. document.RootElement.EnumerateArray().Select(e => e.GetString()!)];
            }
        }
        catch (JsonException)
        {
            // Reported below with the expected value.
        }

        if (labels is null || !labels.SequenceEqual(ClassLabels.All, StringComparer.Ordinal))
        {
            throw new ModelCardException(
                $"{source} has '{ModelMetadataKeys.Labels}' {json}; this build serves {LabelsJson(ClassLabels.All)} ({ClassLabels.Pneumonia} = class 1)");
        }

        return ClassLabels.All;
    }

    private static double ReadNumber(string source, string key, string text, string expected, Func<double, bool> valid)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || !valid(value))
        {
            throw new ModelCardException($"{source} has '{key}' = '{text}'; expected {expected}");
        }

        return value;
    }

    private static (int Height, int Width)? ReadGrid(string source, string? text)
    {
        if (text is null)
        {
            return null;
        }

        var parts = text.Split('x');
        if (parts.Length == 2 &&
            int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var height) && height > 0 &&
            int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var width) && width > 0)
        {
            return (height, width);
        }

        throw new ModelCardException($"{source} has '{ModelMetadataKeys.HeatmapSize}' = '{text}'; expected HEIGHTxWIDTH, e.g. 7x7");
    }

    private static T? ReadJson<T>(string source, string key, string? json, Func<string, T> parse)
        where T : class
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            return parse(json);
        }
        catch (FormatException ex)
        {
            throw new ModelCardException($"{source} has an unusable '{key}': {ex.Message}", ex);
        }
    }
}
