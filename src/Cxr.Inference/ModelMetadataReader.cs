using System.Globalization;
using System.Text.Json;
using Cxr.Core.Contracts;
using Cxr.Core.Imaging;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Cxr.Inference;

/// <summary>Validates a loaded session against the cxr model contract (metadata keys and graph signature) and builds its
/// <see cref="ModelInfo"/>. Every failure is a <see cref="ModelLoadException"/> whose message starts with the source.</summary>
internal static class ModelMetadataReader
{
    /// <summary>Keys every servable cxr model must carry (checked in this order after <c>cxr.schema</c>).</summary>
    public static IReadOnlyList<string> RequiredKeys { get; } =
    [
        ModelMetadataKeys.Schema,
        ModelMetadataKeys.Name,
        ModelMetadataKeys.Version,
        ModelMetadataKeys.Architecture,
        ModelMetadataKeys.Preprocess,
        ModelMetadataKeys.Labels,
        ModelMetadataKeys.Threshold,
        ModelMetadataKeys.Temperature,
    ];

    public static ModelInfo Read(string source, InferenceSession session, string sha256, long fileBytes)
    {
        var metadata = session.ModelMetadata.CustomMetadataMap;
        if (!metadata.TryGetValue(ModelMetadataKeys.Schema, out var schema))
        {
            throw new ModelLoadException(
                $"{source} is not a cxr model: it is missing metadata key '{ModelMetadataKeys.Schema}' " +
                $"({(metadata.Count == 0 ? "it has no metadata at all" : "its keys: " + string.Join(", ", metadata.Keys.Order(StringComparer.Ordinal)))})");
        }

        if (schema.Trim() != ModelMetadataKeys.CurrentSchema)
        {
            throw new ModelLoadException(
                $"{source} has {ModelMetadataKeys.Schema} {schema}; this build reads {ModelMetadataKeys.CurrentSchema}");
        }

        foreach (var key in RequiredKeys)
        {
            if (!metadata.TryGetValue(key, out var value) || string.IsNullOrWhiteSpace(value))
            {
                throw new ModelLoadException($"{source} is missing metadata key '{key}'");
            }
        }

        PreprocessSpec spec;
        try
        {
            spec = PreprocessSpec.FromJson(metadata[ModelMetadataKeys.Preprocess]);
            spec.Validate();
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw new ModelLoadException($"{source} has an unusable '{ModelMetadataKeys.Preprocess}': {ex.Message}", ex);
        }

        var labels = ReadLabels(source, metadata[ModelMetadataKeys.Labels]);
        var threshold = ReadNumber(source, ModelMetadataKeys.Threshold, metadata[ModelMetadataKeys.Threshold], "a probability in [0, 1]", v => v is >= 0 and <= 1);
        var temperature = ReadNumber(source, ModelMetadataKeys.Temperature, metadata[ModelMetadataKeys.Temperature], "a number greater than 0", v => v > 0);
        if (metadata.TryGetValue(ModelMetadataKeys.InputSize, out var inputSize) &&
            (!int.TryParse(inputSize, NumberStyles.Integer, CultureInfo.InvariantCulture, out var size) || size != spec.Size))
        {
            throw new ModelLoadException(
                $"{source} is inconsistent: '{ModelMetadataKeys.InputSize}' is {inputSize} but '{ModelMetadataKeys.Preprocess}' says size {spec.Size}");
        }

        CheckInput(source, session, spec);
        var outputs = session.OutputNames.ToList();
        foreach (var name in new[] { OnnxModelContract.LogitOutput, OnnxModelContract.ProbabilityOutput })
        {
            CheckOutput(source, session, name, rank: 1);
        }

        (int Height, int Width)? grid = null;
        var hasHeatmap = outputs.Contains(OnnxModelContract.HeatmapOutput);
        if (hasHeatmap)
        {
            var dims = CheckOutput(source, session, OnnxModelContract.HeatmapOutput, rank: 3);
            if (dims[1] > 0 && dims[2] > 0)
            {
                grid = (dims[1], dims[2]);
            }
        }

        var guard = ReadGuard(source, session, metadata);
        var sortedMetadata = new SortedDictionary<string, string>(metadata, StringComparer.Ordinal);
        return new ModelInfo(
            Name: metadata[ModelMetadataKeys.Name],
            Version: metadata[ModelMetadataKeys.Version],
            Sha256: sha256,
            Architecture: metadata[ModelMetadataKeys.Architecture],
            Preprocess: spec,
            Labels: Array.AsReadOnly(labels),
            Threshold: threshold,
            ThresholdPolicy: metadata.TryGetValue(ModelMetadataKeys.ThresholdPolicy, out var policy) && !string.IsNullOrWhiteSpace(policy) ? policy : "unspecified",
            Temperature: temperature,
            TrainedUtc: Optional(metadata, ModelMetadataKeys.TrainedUtc),
            ValidationMetricsJson: Optional(metadata, ModelMetadataKeys.ValidationMetrics),
            HasHeatmap: hasHeatmap,
            Metadata: sortedMetadata.AsReadOnly())
        {
            Source = source,
            FileBytes = fileBytes,
            HeatmapGrid = grid,
            Outputs = outputs,
            Guard = guard,
        };
    }

    /// <summary>The model's input guard; a model without <c>cxr.guard</c> gets the image checks only.</summary>
    private static InputGuardSpec ReadGuard(string source, InferenceSession session, IReadOnlyDictionary<string, string> metadata)
    {
        if (Optional(metadata, ModelMetadataKeys.InputGuard) is not { } json)
        {
            return InputGuardSpec.ImageChecksOnly;
        }

        InputGuardSpec guard;
        try
        {
            guard = InputGuardSpec.FromJson(json);
        }
        catch (FormatException ex)
        {
            throw new ModelLoadException($"{source} has an unusable '{ModelMetadataKeys.InputGuard}': {ex.Message}", ex);
        }

        if (guard.HasDistances)
        {
            var dims = CheckOutput(source, session, OnnxModelContract.GuardDistancesOutput, rank: 2);
            if (dims[1] >= 0 && dims[1] != guard.References.Count)
            {
                throw new ModelLoadException(
                    $"{source} is inconsistent: '{OnnxModelContract.GuardDistancesOutput}' has {dims[1]} columns but '{ModelMetadataKeys.InputGuard}' names {guard.References.Count} references");
            }
        }

        return guard;
    }

    private static string? Optional(IReadOnlyDictionary<string, string> metadata, string key) =>
        metadata.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

    private static string[] ReadLabels(string source, string json)
    {
        string[]? labels = null;
        try
        {
            labels = JsonSerializer.Deserialize<string[]>(json);
        }
        catch (JsonException)
        {
            // Reported below with the expected value.
        }

        if (labels is null || !labels.SequenceEqual(ModelMetadataKeys.ClassNames, StringComparer.Ordinal))
        {
            throw new ModelLoadException(
                $"{source} has '{ModelMetadataKeys.Labels}' {json}; this build serves [\"NORMAL\",\"PNEUMONIA\"] (PNEUMONIA = class 1)");
        }

        return labels;
    }

    private static double ReadNumber(string source, string key, string text, string expected, Func<double, bool> valid)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || !valid(value))
        {
            throw new ModelLoadException($"{source} has '{key}' = '{text}'; expected {expected}");
        }

        return value;
    }

    private static void CheckInput(string source, InferenceSession session, PreprocessSpec spec)
    {
        if (!session.InputMetadata.TryGetValue(OnnxModelContract.ImageInput, out var input))
        {
            throw new ModelLoadException(
                $"{source} has no input named '{OnnxModelContract.ImageInput}' (inputs: {string.Join(", ", session.InputNames)})");
        }

        if (session.InputMetadata.Count != 1)
        {
            throw new ModelLoadException(
                $"{source} has {session.InputMetadata.Count} inputs ({string.Join(", ", session.InputNames)}); a cxr model has only '{OnnxModelContract.ImageInput}'");
        }

        var dims = input.IsTensor ? input.Dimensions : [];
        var fixedOk = dims.Length == 4
            && (dims[1] == spec.Channels || dims[1] < 0)
            && (dims[2] == spec.Size || dims[2] < 0)
            && (dims[3] == spec.Size || dims[3] < 0);
        if (!input.IsTensor || input.ElementDataType != TensorElementType.Float || !fixedOk)
        {
            throw new ModelLoadException(
                $"{source} expects input '{OnnxModelContract.ImageInput}' as {Describe(input)}; its metadata promises float " +
                $"[N,{spec.Channels},{spec.Size},{spec.Size}]");
        }
    }

    private static int[] CheckOutput(string source, InferenceSession session, string name, int rank)
    {
        if (!session.OutputMetadata.TryGetValue(name, out var output))
        {
            throw new ModelLoadException(
                $"{source} has no output named '{name}' (outputs: {string.Join(", ", session.OutputNames)})");
        }

        if (!output.IsTensor || output.ElementDataType != TensorElementType.Float || output.Dimensions.Length != rank)
        {
            throw new ModelLoadException($"{source} has output '{name}' as {Describe(output)}; expected a float tensor of rank {rank}");
        }

        return output.Dimensions;
    }

    private static string Describe(NodeMetadata node) => node.IsTensor
        ? $"{node.ElementDataType.ToString().ToLowerInvariant()} [{string.Join(",", node.Dimensions.Select((d, i) => d >= 0 ? d.ToString(CultureInfo.InvariantCulture) : node.SymbolicDimensions.ElementAtOrDefault(i) is { Length: > 0 } s ? s : "?"))}]"
        : node.OnnxValueType.ToString();
}
