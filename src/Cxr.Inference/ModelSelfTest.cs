using System.Diagnostics;
using System.Globalization;
using Cxr.Core.Contracts;
using Cxr.Core.Imaging;
using Microsoft.ML.OnnxRuntime;

namespace Cxr.Inference;

/// <summary>
/// The two checks a model passes before it serves: its weights hash to the SHA-256 recorded at export
/// (<c>cxr.weights.sha256</c>), and ONNX Runtime reproduces, within the recorded tolerance, the outputs TorchSharp computed
/// for the probe images (<c>cxr.selftest</c>). Either failure is a <see cref="ModelLoadException"/> with one sentence.
/// </summary>
internal static class ModelSelfTest
{
    private static readonly string[] ProbeNames = ["1 px texture", "3 px texture", "7 px texture", "15 px texture"];

    /// <summary>Checks the weights (unless <paramref name="inputs"/> already did) and runs the probe.</summary>
    /// <exception cref="ModelLoadException">A check fails; the message is one sentence.</exception>
    public static ModelSelfTestResult Run(string source, InferenceSession session, ModelInfo model, ReadOnlySpan<byte> modelBytes, ModelSelfTestInputs inputs)
    {
        var start = Stopwatch.GetTimestamp();
        var sha256 = inputs.VerifiedWeightsSha256
            ?? CheckWeights(source, model.Card.WeightsSha256, modelBytes);
        var prepared = inputs.Probe.GetAwaiter().GetResult();
        var spec = model.Card.SelfTest ?? throw NoSelfTest(source);
        var hasGuard = model.Guard.HasDistances;
        if (hasGuard != spec.GuardDistances is not null)
        {
            throw new ModelLoadException(hasGuard
                ? $"{source} is inconsistent: it has an input guard but its self-test records no guard distances"
                : $"{source} is inconsistent: its self-test records guard distances but it has no input guard");
        }

        var hasSpread = model.HasMemberSpread;
        if (hasSpread != spec.MemberSpread is not null)
        {
            throw new ModelLoadException(hasSpread
                ? $"{source} is inconsistent: it is an ensemble but its self-test records no member spread"
                : $"{source} is inconsistent: its self-test records a member spread but the graph has no '{OnnxModelContract.MemberSpreadOutput}' output");
        }

        var preprocess = model.Preprocess;
        var tensor = prepared is { } p && p.Size == preprocess.Size && preprocess.Channels == 1
            ? p.Tensor
            : ProbeImages.Tensor(preprocess.Size, preprocess.Channels);
        var outputs = Probe(preprocess, tensor, session, hasGuard, hasSpread);
        var logit = Compare(source, OnnxModelContract.LogitOutput, outputs[OnnxModelContract.LogitOutput], [.. spec.Logit.Select(v => (IReadOnlyList<float>)[v])], spec.Tolerance, perValueScale: true);
        var features = Compare(source, OnnxModelContract.FeaturesOutput, outputs[OnnxModelContract.FeaturesOutput], spec.Features, spec.Tolerance, perValueScale: false);
        double? guard = hasGuard
            ? Compare(source, OnnxModelContract.GuardDistancesOutput, outputs[OnnxModelContract.GuardDistancesOutput], spec.GuardDistances!, spec.Tolerance, perValueScale: true)
            : null;
        double? spread = hasSpread
            ? Compare(source, OnnxModelContract.MemberSpreadOutput, outputs[OnnxModelContract.MemberSpreadOutput], [.. spec.MemberSpread!.Select(v => (IReadOnlyList<float>)[v])], spec.Tolerance, perValueScale: true)
            : null;
        return new ModelSelfTestResult(
            sha256, ProbeImages.Count, spec.Tolerance, logit, features, guard, inputs.ElapsedMs + Stopwatch.GetElapsedTime(start).TotalMilliseconds)
        {
            MaxMemberSpreadDeviation = spread,
        };
    }

    /// <summary>When the file records a weights checksum, refuses it unless the weights hash to it; a file without one is
    /// left to <see cref="Run"/> (after the metadata checks, so that a file that is no cxr model at all is told so).</summary>
    /// <returns>The verified SHA-256, or null when the file records none (or is not readable protobuf: ONNX Runtime's
    /// load then gives the error).</returns>
    public static string? CheckRecordedWeights(string source, ReadOnlySpan<byte> modelBytes)
    {
        string? recorded;
        try
        {
            recorded = OnnxWeightsHash.FindMetadata(modelBytes, ModelMetadataKeys.WeightsSha256);
        }
        catch (FormatException)
        {
            return null;
        }

        return recorded is null ? null : CheckWeights(source, recorded, modelBytes);
    }

    /// <summary>Refuses the model unless <paramref name="recorded"/> is present and its weights hash to it.</summary>
    private static string CheckWeights(string source, string? recorded, ReadOnlySpan<byte> modelBytes)
    {
        if (string.IsNullOrWhiteSpace(recorded))
        {
            throw new ModelLoadException(
                $"{source} records no weights checksum ('{ModelMetadataKeys.WeightsSha256}'), so damage to it could not be detected; re-export it with this version of cxr (cxr model upgrade)");
        }

        string actual;
        try
        {
            actual = OnnxWeightsHash.Compute(modelBytes);
        }
        catch (FormatException e)
        {
            throw new ModelLoadException($"{source} is damaged: its weights cannot be read ({e.Message}); copy the model file again", e);
        }

        if (!string.Equals(actual, recorded.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            throw new ModelLoadException(
                $"{source} is damaged: its weights hash to sha256 {actual[..16]}… but the file records {Shorten(recorded)} (a weight changed after export); copy the model file again");
        }

        return actual;
    }

    private static ModelLoadException NoSelfTest(string source) => new(
        $"{source} carries no self-test ('{ModelMetadataKeys.SelfTest}'), so a runtime that computes it wrongly could not be detected; re-export it with this version of cxr (cxr model upgrade)");

    /// <summary>Runs the probe batch and copies each requested output (by name) into one row per image.</summary>
    private static Dictionary<string, float[][]> Probe(PreprocessSpec spec, float[] tensor, InferenceSession session, bool hasGuard, bool hasSpread)
    {
        string[] guard = hasGuard ? [OnnxModelContract.GuardDistancesOutput] : [];
        string[] spread = hasSpread ? [OnnxModelContract.MemberSpreadOutput] : [];
        string[] names = [OnnxModelContract.LogitOutput, OnnxModelContract.FeaturesOutput, .. guard, .. spread];
        using var input = OrtValue.CreateTensorValueFromMemory(tensor, [ProbeImages.Count, spec.Channels, spec.Size, spec.Size]);
        using var runOptions = new RunOptions();
        using var outputs = NamedOutputs.Run(session, runOptions, OnnxModelContract.ImageInput, input, names);
        var result = new Dictionary<string, float[][]>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var values = outputs[name].GetTensorDataAsSpan<float>();
            var width = values.Length / ProbeImages.Count;
            var rows = new float[ProbeImages.Count][];
            for (var i = 0; i < rows.Length; i++)
            {
                rows[i] = values.Slice(i * width, width).ToArray();
            }

            result[name] = rows;
        }

        return result;
    }

    /// <summary>Largest absolute deviation; throws on the worst one (relative to its allowance) above the tolerance.</summary>
    private static double Compare(
        string source, string output, float[][] actual, IReadOnlyList<IReadOnlyList<float>> expected, double tolerance, bool perValueScale)
    {
        var maxDeviation = 0.0;
        (double Ratio, int Image, int Index, double Actual, double Expected, double Allowed)? worst = null;
        for (var i = 0; i < expected.Count; i++)
        {
            if (actual[i].Length != expected[i].Count)
            {
                throw new ModelLoadException(
                    $"{source} is inconsistent: its self-test records {expected[i].Count} values of '{output}' per image but the graph returns {actual[i].Length}");
            }

            var rowScale = expected[i].Max(v => Math.Abs((double)v));
            for (var j = 0; j < expected[i].Count; j++)
            {
                double e = expected[i][j], a = actual[i][j];
                var allowed = tolerance * Math.Max(1, perValueScale ? Math.Abs(e) : rowScale);
                var deviation = Math.Abs(a - e);
                maxDeviation = double.IsNaN(deviation) ? double.NaN : Math.Max(maxDeviation, deviation);
                var ratio = double.IsNaN(deviation) ? double.PositiveInfinity : deviation / allowed;
                if (ratio > 1 && (worst is null || ratio > worst.Value.Ratio))
                {
                    worst = (ratio, i, j, a, e, allowed);
                }
            }
        }

        if (worst is { } w)
        {
            var which = expected[w.Image].Count == 1 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"[{w.Index}]");
            throw new ModelLoadException(string.Create(CultureInfo.InvariantCulture,
                $"{source} fails its self-test: ONNX Runtime computes '{output}'{which} = {w.Actual:G6} for probe image {w.Image} ({ProbeNames[w.Image]}) where TorchSharp computed {w.Expected:G6} at export, {Math.Abs(w.Actual - w.Expected):G3} apart against a tolerance of {w.Allowed:G3}, so this runtime or this file would give wrong answers and the model is not served"));
        }

        return maxDeviation;
    }

    private static string Shorten(string hash)
    {
        var trimmed = hash.Trim();
        return trimmed.Length > 16 ? trimmed[..16] + "…" : trimmed;
    }
}
