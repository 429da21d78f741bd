using System.Buffers.Binary;
using System.Globalization;
using Cxr.Core.Contracts;
using Cxr.Core.Imaging;
using Cxr.Testing.Onnx;

namespace Cxr.Testing.Models;

/// <summary>
/// A tiny, fully predictable cxr ONNX model written without TorchSharp (so tests that must not load TorchSharp can
/// serve a real model): brightness is evidence for PNEUMONIA.
/// </summary>
/// <remarks>
/// Graph (opset 17): <c>image [N,1,S,S]</c> → AveragePool(S/G) → <c>pooled [N,1,G,G]</c> → × <see cref="Weight"/> +
/// <see cref="Bias"/> → Squeeze → <c>heatmap [N,G,G]</c> → ReduceMean → <c>logit [N]</c> (= Weight · mean(image) + Bias)
/// → ÷ temperature → Sigmoid → <c>probability [N]</c>; <c>features [N,1]</c> = the pooled mean. Without a heatmap the
/// same logit is computed without the heatmap output. With <c>guardScales</c> (K values) the graph also has
/// <c>guard_distances [N,K]</c> = features × guardScales, last.
/// </remarks>
public static class SyntheticOnnxModel
{
    public const float Weight = 8f;
    public const float Bias = -4f;

    /// <summary>The card of a complete, valid model (what an exporter would write for this graph).</summary>
    public static ModelCard Card(int size, double threshold = 0.5, double temperature = 1.0, bool heatmap = true, int grid = 8) =>
        TestModelCard.Create(size, "synthetic-brightness", threshold, temperature) with
        {
            Architecture = "synthetic",
            Outputs = heatmap
                ? [OnnxModelContract.LogitOutput, OnnxModelContract.ProbabilityOutput, OnnxModelContract.HeatmapOutput, OnnxModelContract.FeaturesOutput]
                : [OnnxModelContract.LogitOutput, OnnxModelContract.ProbabilityOutput, OnnxModelContract.FeaturesOutput],
            HeatmapSize = (grid, grid),
        };

    /// <summary>The metadata of a complete, valid model: <see cref="Card"/> as entries, to edit when a test is about
    /// metadata validation.</summary>
    public static Dictionary<string, string> Metadata(int size, double threshold = 0.5, double temperature = 1.0, bool heatmap = true, int grid = 8) =>
        new(Card(size, threshold, temperature, heatmap, grid).ToMetadata(), StringComparer.Ordinal);

    /// <summary>The expected logit for an input tensor (mean of the [0, 1] pixels).</summary>
    public static double Logit(ReadOnlySpan<float> tensor)
    {
        double sum = 0;
        foreach (var v in tensor)
        {
            sum += v;
        }

        return (Weight * (sum / tensor.Length)) + Bias;
    }

    /// <summary>Writes the model. <paramref name="metadata"/> null = <see cref="Metadata"/>; pass a modified copy to test
    /// metadata validation. <paramref name="inputSize"/> overrides the graph's S (to test a graph/metadata mismatch).
    /// <paramref name="guardScales"/> adds the input guard's <c>guard_distances</c> output (see remarks).
    /// Unless <paramref name="selfTest"/> is false or the metadata already holds them, the model carries its
    /// self-test (the probe images' logit, features and guard distances, computed here in closed form) and its weights
    /// SHA-256, as an exported model does.</summary>
    public static byte[] Create(int size = 64, int grid = 8, bool heatmap = true, double temperature = 1.0,
        IReadOnlyDictionary<string, string>? metadata = null, int? inputSize = null, float[]? guardScales = null, bool selfTest = true)
    {
        if (size % grid != 0)
        {
            throw new ArgumentException("size must be a multiple of grid");
        }

        var complete = new Dictionary<string, string>(metadata ?? Metadata(size, temperature: temperature, heatmap: heatmap, grid: grid), StringComparer.Ordinal);
        if (selfTest && !complete.ContainsKey(ModelMetadataKeys.SelfTest))
        {
            complete[ModelMetadataKeys.SelfTest] = SelfTest(size, guardScales).ToJson();
        }

        if (selfTest && !complete.ContainsKey(ModelMetadataKeys.WeightsSha256))
        {
            // The hash covers the graph only, so the file written without it hashes the same as the one written with it.
            complete[ModelMetadataKeys.WeightsSha256] = OnnxWeightsHash.Compute(Write(size, grid, heatmap, temperature, complete, inputSize, guardScales));
        }

        return Write(size, grid, heatmap, temperature, complete, inputSize, guardScales);
    }

    /// <summary>The self-test an exporter would record: logit = Weight · mean + Bias, features = [mean], guard distances =
    /// mean × scales, for each probe image at <paramref name="size"/>.</summary>
    public static ModelSelfTestSpec SelfTest(int size, float[]? guardScales = null)
    {
        var tensor = ProbeImages.Tensor(size);
        var plane = size * size;
        var means = Enumerable.Range(0, ProbeImages.Count).Select(i => tensor.AsSpan(i * plane, plane).ToArray().Average(v => (double)v)).ToArray();
        return new ModelSelfTestSpec
        {
            Logit = [.. means.Select(m => (float)((Weight * m) + Bias))],
            Features = [.. means.Select(m => (IReadOnlyList<float>)[(float)m])],
            GuardDistances = guardScales is null ? null : [.. means.Select(m => (IReadOnlyList<float>)[.. guardScales.Select(g => (float)(m * g))])],
        };
    }

    private static byte[] Write(int size, int grid, bool heatmap, double temperature,
        IReadOnlyDictionary<string, string> metadata, int? inputSize, float[]? guardScales)
    {
        var s = inputSize ?? size;
        var kernel = s / grid;
        return new ProtoWriter()
            .Varint(1, 8)
            .String(2, "cxr-tests")
            .Message(7, g =>
            {
                g.Message(1, n => Node(n, "AveragePool", "pool", ["image"], ["pooled"],
                    a => IntsAttribute(a, "kernel_shape", [kernel, kernel]), a => IntsAttribute(a, "strides", [kernel, kernel])));
                g.Message(1, n => Node(n, "Mul", "scale", ["pooled", "w"], ["scaled"]));
                g.Message(1, n => Node(n, "Add", "shift", ["scaled", "b"], ["cam"]));
                g.Message(1, n => Node(n, "Squeeze", "squeeze", ["cam", "axis1"], [heatmap ? "heatmap" : "map"]));
                g.Message(1, n => Node(n, "ReduceMean", "mean", [heatmap ? "heatmap" : "map"], ["logit"],
                    a => IntsAttribute(a, "axes", [1, 2]), a => IntAttribute(a, "keepdims", 0)));
                g.Message(1, n => Node(n, "Div", "calibrate", ["logit", "t"], ["scaled_logit"]));
                g.Message(1, n => Node(n, "Sigmoid", "sigmoid", ["scaled_logit"], ["probability"]));
                g.Message(1, n => Node(n, "GlobalAveragePool", "gap", ["pooled"], ["gap"]));
                g.Message(1, n => Node(n, "Flatten", "flatten", ["gap"], ["features"], a => IntAttribute(a, "axis", 1)));
                if (guardScales is not null)
                {
                    g.Message(1, n => Node(n, "Mul", "guard", ["features", "guard_scales"], ["guard_distances"]));
                }

                g.String(2, "synthetic");
                g.Message(5, t => FloatTensor(t, "w", Weight));
                g.Message(5, t => FloatTensor(t, "b", Bias));
                g.Message(5, t => FloatTensor(t, "t", (float)temperature));
                g.Message(5, t => t.Varint(1, 1).Varint(2, 7).String(8, "axis1").Bytes(9, BitConverter.GetBytes(1L)));
                if (guardScales is not null)
                {
                    g.Message(5, t => FloatVector(t, "guard_scales", guardScales));
                }

                g.Message(11, v => ValueInfo(v, "image", ["N", 1, s, s]));
                g.Message(12, v => ValueInfo(v, "logit", ["N"]));
                g.Message(12, v => ValueInfo(v, "probability", ["N"]));
                if (heatmap)
                {
                    g.Message(12, v => ValueInfo(v, "heatmap", ["N", grid, grid]));
                }

                g.Message(12, v => ValueInfo(v, "features", ["N", 1]));
                if (guardScales is not null)
                {
                    g.Message(12, v => ValueInfo(v, "guard_distances", ["N", guardScales.Length]));
                }
            })
            .Message(8, o => o.String(1, "").Varint(2, 17))
            .Apply(w =>
            {
                foreach (var (key, value) in metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    w.Message(14, e => e.String(1, key).String(2, value));
                }
            })
            .ToArray();
    }

    private static ProtoWriter Apply(this ProtoWriter writer, Action<ProtoWriter> action)
    {
        action(writer);
        return writer;
    }

    private static void Node(ProtoWriter n, string op, string name, string[] inputs, string[] outputs, params Action<ProtoWriter>[] attributes)
    {
        foreach (var i in inputs)
        {
            n.String(1, i);
        }

        foreach (var o in outputs)
        {
            n.String(2, o);
        }

        n.String(3, name).String(4, op);
        foreach (var attribute in attributes)
        {
            n.Message(5, attribute);
        }
    }

    private static void IntsAttribute(ProtoWriter a, string name, long[] values)
    {
        a.String(1, name);
        foreach (var v in values)
        {
            a.Varint(8, v);
        }

        a.Varint(20, 7);
    }

    private static void IntAttribute(ProtoWriter a, string name, long value) => a.String(1, name).Varint(3, value).Varint(20, 2);

    private static void FloatTensor(ProtoWriter t, string name, float value)
    {
        var raw = new byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(raw, value);
        t.Varint(2, 1).String(8, name).Bytes(9, raw);
    }

    private static void FloatVector(ProtoWriter t, string name, float[] values)
    {
        var raw = new byte[values.Length * sizeof(float)];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(raw.AsSpan(i * sizeof(float)), values[i]);
        }

        t.Varint(1, values.Length).Varint(2, 1).String(8, name).Bytes(9, raw);
    }

    // Dimensions: a string is a symbolic dimension, an int a fixed one.
    private static void ValueInfo(ProtoWriter v, string name, object[] dims) =>
        v.String(1, name).Message(2, type => type.Message(1, tensor => tensor
            .Varint(1, 1)
            .Message(2, shape =>
            {
                foreach (var d in dims)
                {
                    shape.Message(1, dim =>
                    {
                        if (d is string symbol)
                        {
                            dim.String(2, symbol);
                        }
                        else
                        {
                            dim.Varint(1, Convert.ToInt64(d, CultureInfo.InvariantCulture));
                        }
                    });
                }
            })));
}
