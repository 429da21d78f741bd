using System.Globalization;
using Cxr.Core.Contracts;
using Cxr.Core.Imaging;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Cxr.Inference;

/// <summary>Validates a loaded session against the cxr model contract (its <see cref="ModelCard"/> and graph signature:
/// the input, and the outputs looked up by name) and builds its <see cref="ModelInfo"/>. Every failure is a
/// <see cref="ModelLoadException"/> whose message starts with the source.</summary>
internal static class ModelMetadataReader
{
    public static ModelInfo Read(string source, InferenceSession session, string sha256, long fileBytes)
    {
        var metadata = session.ModelMetadata.CustomMetadataMap;
        ModelCard card;
        try
        {
            card = ModelCard.Parse(metadata, source);
        }
        catch (ModelCardException ex)
        {
            // The card's sentence already names the source; the cause is what the card could not read.
            throw new ModelLoadException(ex.Message, ex.InnerException ?? ex);
        }

        CheckInput(source, session, card.Preprocess);
        CheckOutput(source, session, OnnxModelContract.LogitOutput, rank: 1);
        CheckOutput(source, session, OnnxModelContract.ProbabilityOutput, rank: 1);
        CheckOutput(source, session, OnnxModelContract.FeaturesOutput, rank: 2);
        (int Height, int Width)? grid = null;
        var outputs = session.OutputNames.ToList();
        if (outputs.Contains(OnnxModelContract.HeatmapOutput))
        {
            var dims = CheckOutput(source, session, OnnxModelContract.HeatmapOutput, rank: 3);
            if (dims[1] > 0 && dims[2] > 0)
            {
                grid = (dims[1], dims[2]);
            }
        }

        CheckGuard(source, session, card.Guard);
        CheckEnsemble(source, session, card.Ensemble, outputs);
        return new ModelInfo(card, sha256, new SortedDictionary<string, string>(metadata, StringComparer.Ordinal).AsReadOnly())
        {
            Source = source,
            FileBytes = fileBytes,
            HeatmapGrid = grid,
            Outputs = outputs,
        };
    }

    /// <summary>A learned guard needs its distances output, one column per reference.</summary>
    private static void CheckGuard(string source, InferenceSession session, InputGuardSpec? guard)
    {
        if (guard is not { HasDistances: true })
        {
            return;
        }

        var dims = CheckOutput(source, session, OnnxModelContract.GuardDistancesOutput, rank: 2);
        if (dims[1] >= 0 && dims[1] != guard.References.Count)
        {
            throw new ModelLoadException(
                $"{source} is inconsistent: '{OnnxModelContract.GuardDistancesOutput}' has {dims[1]} columns but '{ModelMetadataKeys.InputGuard}' names {guard.References.Count} references");
        }
    }

    /// <summary>An ensemble's card and its <c>member_spread</c> output come together: one without the other is a file
    /// that was edited or not written by cxr.</summary>
    private static void CheckEnsemble(string source, InferenceSession session, EnsembleSpec? ensemble, List<string> outputs)
    {
        var hasSpread = outputs.Contains(OnnxModelContract.MemberSpreadOutput);
        if (ensemble is not null && !hasSpread)
        {
            throw new ModelLoadException(
                $"{source} is inconsistent: '{ModelMetadataKeys.Ensemble}' describes an ensemble of {ensemble.Members} members but the graph has no '{OnnxModelContract.MemberSpreadOutput}' output");
        }

        if (hasSpread)
        {
            if (ensemble is null)
            {
                throw new ModelLoadException(
                    $"{source} is inconsistent: the graph has a '{OnnxModelContract.MemberSpreadOutput}' output but no '{ModelMetadataKeys.Ensemble}' entry says what ensemble it is");
            }

            CheckOutput(source, session, OnnxModelContract.MemberSpreadOutput, rank: 1);
        }
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
