using System.Buffers.Binary;
using System.Globalization;
using Cxr.Core.Contracts;
using Cxr.Training.Guard;
using Cxr.Training.Models;
using Onnx;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Cxr.Training.Export;

/// <summary>
/// Reads a cxr <c>cxrnet</c> ONNX file back into TorchSharp (<see cref="FoldedCxrNet"/>, the guard's references, the
/// and the model card), so that <see cref="OnnxExporter"/> can write it again with what a newer exporter adds
/// (the self-test, the weights checksum) while the weights stay bit for bit the same.
/// </summary>
public static class OnnxModelImporter
{
    /// <summary>Imports the model in <paramref name="bytes"/>.</summary>
    /// <exception cref="NotSupportedException">The file is not a global-average-pool cxr network as this exporter
    /// writes it, or it is an ensemble (the message says what differs).</exception>
    /// <exception cref="FormatException">The file is not ONNX or its metadata is unusable.</exception>
    public static ImportedModel Import(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ModelProto proto;
        try
        {
            proto = ModelProto.Parser.ParseFrom(bytes);
        }
        catch (Google.Protobuf.InvalidProtocolBufferException e)
        {
            throw new FormatException($"The file is not an ONNX model: {e.Message}", e);
        }

        var card = ModelCard.Parse(proto.MetadataProps.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), "The model");
        var architecture = card.Architecture;
        if (card.Ensemble is { } ensemble)
        {
            throw new NotSupportedException(
                $"it is an ensemble of {ensemble.Members} {architecture} members, and ensembles are written with their self-test and weights checksum from the start, so there is nothing to add.");
        }

        var size = card.Preprocess.Size;
        var initializers = proto.Graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);

        var layers = new List<(string Name, nn.Module<Tensor, Tensor> Layer)>();
        var standardizes = false;
        var ignoresBlack = false;
        Linear? classifier = null;
        foreach (var node in proto.Graph.Node)
        {
            switch (node.OpType)
            {
                case "Gemm":
                    throw new NotSupportedException($"'{architecture}' has a dense head; only global-average-pool networks (cxrnet) can be re-exported.");
                case "Conv" when node.Name == "class_map":
                    classifier = Classifier(node, initializers);
                    break;
                case "Conv":
                    layers.Add((node.Name, Convolution(node, initializers)));
                    break;
                case "Relu":
                    layers.Add((node.Name, nn.ReLU()));
                    break;
                case "MaxPool":
                    layers.Add((node.Name, Pool(node)));
                    break;
                case "Cast" when node.Name == "standardize":
                    standardizes = true;
                    break;
                case "Greater" when node.Name == "standardize_mask":
                    ignoresBlack = true;
                    break;
                default:
                    // Standardisation arithmetic, the head's pooling and probability, and the guard: rebuilt by the exporter.
                    break;
            }
        }

#pragma warning disable CA2000 // Ownership transfer: the model goes to the caller inside the returned ImportedModel.
        var model = new FoldedCxrNet(architecture, size, standardizes, layers,
            classifier ?? throw new NotSupportedException("The graph has no 'class_map' convolution (the global-average-pool head)."), ignoresBlack);
#pragma warning restore CA2000
        try
        {
            return new ImportedModel(model, card, Guard(card.Guard, initializers));
        }
        catch
        {
            // A guard that cannot be read leaves no caller to own the model: release its native tensors here.
            model.Dispose();
            throw;
        }
    }

    private static Conv2d Convolution(NodeProto node, Dictionary<string, TensorProto> initializers)
    {
        var weight = initializers[node.Input[1]];
        var bias = initializers[node.Input[2]];
        var kernel = Ints(node, "kernel_shape");
        var strides = Ints(node, "strides");
        var pads = Ints(node, "pads");
        var dilations = Ints(node, "dilations");
        var groups = node.Attribute.Single(a => a.Name == "group").I;
        if (kernel[0] != kernel[1] || strides[0] != strides[1] || pads.Distinct().Count() != 1 || dilations[0] != dilations[1])
        {
            throw new NotSupportedException($"Convolution '{node.Name}' is not square or not symmetrically padded.");
        }

        var conv = nn.Conv2d(weight.Dims[1] * groups, weight.Dims[0], kernel[0], stride: strides[0], padding: pads[0], dilation: dilations[0], groups: groups, bias: true);
        using var noGrad = no_grad();
        conv.weight!.copy_(tensor(Floats(weight), [.. weight.Dims]));
        conv.bias!.copy_(tensor(Floats(bias), [.. bias.Dims]));
        return conv;
    }

    private static MaxPool2d Pool(NodeProto node)
    {
        var kernel = Ints(node, "kernel_shape");
        var strides = Ints(node, "strides");
        var pads = Ints(node, "pads");
        if (kernel[0] != kernel[1] || strides[0] != strides[1] || pads.Distinct().Count() != 1 || node.Attribute.Any(a => a.Name is "dilations" or "ceil_mode"))
        {
            throw new NotSupportedException($"Max-pool '{node.Name}' is not a square, symmetric, undilated, floor-mode pool.");
        }

        return nn.MaxPool2d(kernel[0], strides[0], pads[0]);
    }

    private static Linear Classifier(NodeProto node, Dictionary<string, TensorProto> initializers)
    {
        var weight = initializers[node.Input[1]];
        var bias = initializers[node.Input[2]];
        var channels = weight.Dims[1];
        var linear = nn.Linear(channels, 1);
        using var noGrad = no_grad();
        linear.weight!.copy_(tensor(Floats(weight), [1, channels]));
        linear.bias!.copy_(tensor(Floats(bias), [1]));
        return linear;
    }

    private static FittedInputGuard? Guard(InputGuardSpec? spec, Dictionary<string, TensorProto> initializers)
    {
        if (spec is not { HasDistances: true })
        {
            return null;
        }

        var means = initializers["guard.means"];
        var precision = initializers["guard.precision"];
        var (k, d) = ((int)means.Dims[0], (int)means.Dims[1]);
        var meanValues = Doubles(means);
        var precisionValues = Doubles(precision);
        var meanRows = Enumerable.Range(0, k).Select(i => meanValues.AsSpan(i * d, d).ToArray()).ToArray();
        var matrix = new double[d, d];
        for (var a = 0; a < d; a++)
        {
            for (var b = 0; b < d; b++)
            {
                matrix[a, b] = precisionValues[(a * d) + b];
            }
        }

        return new FittedInputGuard(spec, TiedGaussianReferences.FromParameters(meanRows, matrix), Report: null);
    }

    private static long[] Ints(NodeProto node, string name) =>
        [.. node.Attribute.Single(a => a.Name == name).Ints];

    private static float[] Floats(TensorProto t) =>
        Values(t, TensorProto.Types.DataType.Float, "float32", t.FloatData, sizeof(float), BinaryPrimitives.ReadSingleLittleEndian);

    private static double[] Doubles(TensorProto t) =>
        Values(t, TensorProto.Types.DataType.Double, "float64", t.DoubleData, sizeof(double), BinaryPrimitives.ReadDoubleLittleEndian);

    /// <summary>An initializer's values, from its little-endian <c>raw_data</c> or, when that is empty, its typed field.</summary>
    private static T[] Values<T>(
        TensorProto t, TensorProto.Types.DataType type, string typeName, IEnumerable<T> typed, int size, Func<ReadOnlySpan<byte>, T> read)
    {
        if (t.DataType != (int)type)
        {
            throw new NotSupportedException($"Initializer '{t.Name}' is not {typeName}.");
        }

        if (t.RawData.IsEmpty)
        {
            return [.. typed];
        }

        var raw = t.RawData.Span;
        var values = new T[raw.Length / size];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = read(raw[(i * size)..]);
        }

        return values;
    }
}
