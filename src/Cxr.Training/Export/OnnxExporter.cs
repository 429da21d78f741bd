using System.Reflection;
using Cxr.Core.Contracts;
using Cxr.Training.Guard;
using Cxr.Training.Models;
using Google.Protobuf;
using Onnx;
using TorchSharp.Modules;
using static Cxr.Training.Export.OnnxGraphBuilder;
using static TorchSharp.torch;

namespace Cxr.Training.Export;

/// <summary>
/// Writes a <see cref="CxrModel"/> as a standard ONNX file (opset 17, IR version 8) that ONNX Runtime runs without
/// TorchSharp. The graph is the model's eval-mode computation: batch norm folded into the preceding convolution (running
/// statistics), dropout removed, the per-image standardisation computed in float64 (ONNX Runtime's float32
/// InstanceNormalization and ReduceMean are ~50× less accurate than TorchSharp on a 224×224 image). See
/// <see cref="OnnxModelContract"/> for the input, outputs and metadata keys.
/// </summary>
/// <remarks>
/// The model itself is not changed (its training flag and weights stay as they are). Initializers carry the module names,
/// e.g. <c>block1_conv1.weight</c> (already folded with <c>block1_bn1</c>) and <c>classifier.weight</c>.
/// <para>Metadata: the caller's <see cref="ModelCard"/>, completed with what only the exporter knows — the architecture,
/// the outputs, the heatmap grid, the input guard, the self-test and the weights checksum — which replace any caller
/// values.</para>
/// </remarks>
public static class OnnxExporter
{
    /// <summary>Default-domain operator set the graph uses.</summary>
    public const long OpsetVersion = 17;

    /// <summary>ONNX IR version written (IR 8 is the one paired with opset 17).</summary>
    public const long IrVersion = 8;

    /// <summary>The <c>producer_name</c> written.</summary>
    public const string ProducerName = "cxr";

    private const string DocString =
        "cxr pediatric chest X-ray classifier (NORMAL vs PNEUMONIA). Research and education only, not a medical device.";

    /// <summary>Exports an eval-mode copy of the model's computation to <paramref name="path"/> (parent folders are
    /// created; an existing file is replaced only once the new one is fully written).</summary>
    /// <param name="model">The model; its layers must be Conv2d, BatchNorm2d (after a Conv2d), ReLU, MaxPool2d or dropout.</param>
    /// <param name="path">Destination <c>.onnx</c> file.</param>
    /// <param name="card">The model card: name, version, preprocessing (its size must be the model's), threshold, training
    /// record, and <see cref="ModelCard.Temperature"/> T &gt; 0, built into the graph as
    /// <c>probability = sigmoid(logit / T)</c> (1 = uncalibrated).</param>
    /// <param name="guard">The fitted input guard, written as the <c>guard_distances</c> output and the <c>cxr.guard</c>
    /// metadata; null for none.</param>
    /// <exception cref="ArgumentOutOfRangeException">The card's temperature is not finite and positive.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, the card's input size differs from the
    /// model's, the card cannot be written (an empty name, version or other-entry key), or the guard does not
    /// fit the model (its feature dimension differs from the model's features, or its spec names another number of
    /// references).</exception>
    /// <exception cref="NotSupportedException">The model holds a layer or head the exporter cannot express.</exception>
    public static void Export(
        CxrModel model, string path, ModelCard card, FittedInputGuard? guard = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var bytes = ExportToBytes(model, card, guard);
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var partial = fullPath + ".partial";
        File.WriteAllBytes(partial, bytes);
        File.Move(partial, fullPath, overwrite: true);
    }

    /// <summary>Exports an eval-mode copy of the model's computation as the bytes of an ONNX file.</summary>
    /// <inheritdoc cref="Export" path="/param"/>
    /// <inheritdoc cref="Export" path="/exception"/>
    public static byte[] ExportToBytes(
        CxrModel model, ModelCard card, FittedInputGuard? guard = null) =>
        BuildModel(model, card, guard).ToByteArray();

    /// <summary>Builds the ONNX model in memory (what <see cref="ExportToBytes"/> serialises).</summary>
    internal static ModelProto BuildModel(
        CxrModel model, ModelCard card, FittedInputGuard? guard = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(card);
        var temperature = card.Temperature;
        if (!double.IsFinite(temperature) || temperature <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(card), temperature,
                "The card's temperature must be a finite number greater than 0 (1 = uncalibrated).");
        }

        if (card.Preprocess.Size != model.InputSize)
        {
            throw new ArgumentException(
                $"The card's preprocessing is for {card.Preprocess.Size} px images but the model takes {model.InputSize} px.", nameof(card));
        }

        using var noGrad = no_grad();
        var names = new ModuleNames(model);
        var size = model.InputSize;
        var builder = new OnnxGraphBuilder($"cxr_{model.Architecture}");
        var x = builder.AddInput(OnnxModelContract.ImageInput, 1, size, size);
        var shape = new MapShape(1, size, size);

        if (model.StandardizesInput)
        {
            x = AddStandardization(builder, x);
        }

        (x, shape) = AddFeatureLayers(builder, model.FeatureLayers, names, x, shape);

        var outputs = model.Head switch
        {
            ModelHead.GlobalAveragePoolLinear => AddGlobalAveragePoolHead(builder, model.Classifier, names, x, shape, temperature),
            ModelHead.FlattenDense => AddFlattenDenseHead(builder, model.DenseLayers, names, x, shape, temperature),
            _ => throw new NotSupportedException($"Model head {model.Head} has no ONNX export."),
        };
        if (guard is not null)
        {
            outputs = [.. outputs, AddGuardDistances(builder, guard)];
        }

        var result = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = ProducerName,
            ProducerVersion = ProducerVersion(),
            DocString = DocString,
            Graph = builder.Graph,
        };
        result.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = OpsetVersion });
        // The hash covers the graph's initializers only, so it can be stored in the metadata of the same file.
        var weightsSha256 = OnnxWeightsHash.Compute(result.ToByteArray());
        var selfTest = ProbeOutputs.Compute(model, guard);
        var complete = card with
        {
            Architecture = model.Architecture,
            Outputs = outputs,
            HeatmapSize = outputs.Contains(OnnxModelContract.HeatmapOutput) ? ((int)shape.Height, (int)shape.Width) : null,
            Guard = guard?.Spec,
            SelfTest = selfTest,
            WeightsSha256 = weightsSha256,
        };
        foreach (var (key, value) in complete.ToMetadata())
        {
            result.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        }

        return result;
    }

    /// <summary>Squared Mahalanobis distance of the features to each reference mean, in float64:
    /// <c>sum((f − μ_k) P (f − μ_k)ᵀ)</c> per k, as <c>[N, K]</c>. Computed from the differences, not expanded into
    /// <c>fᵀPf − 2μᵀPf + μᵀPμ</c>, which would cancel catastrophically.</summary>
    private static string AddGuardDistances(OnnxGraphBuilder builder, FittedInputGuard guard)
    {
        const long float64 = (long)TensorProto.Types.DataType.Double;
        const long float32 = (long)TensorProto.Types.DataType.Float;
        var references = guard.References;
        var d = references.Dimension;
        var k = references.Means.Length;
        // A mismatch would still export, and then fail in ONNX Runtime's shape inference when the file is loaded.
        var features = builder.Graph.Output.Single(o => o.Name == OnnxModelContract.FeaturesOutput).Type.TensorType.Shape.Dim[1].DimValue;
        if (d != features || k != guard.Spec.References.Count)
        {
            throw new ArgumentException(
                $"The input guard does not fit the model: it holds {k} references of {d} features and its spec names " +
                $"{guard.Spec.References.Count} references; the model has {features} features.", nameof(guard));
        }

        var means = builder.AddInitializer("guard.means", [k, d], references.Means.SelectMany(m => m).ToArray());
        var precision = builder.AddInitializer("guard.precision", [d, d], references.Precision.Cast<double>().ToArray());
        var wide = builder.AddNode("Cast", "guard_features_to_double", [OnnxModelContract.FeaturesOutput], attributes: IntAttribute("to", float64));
        var axis1 = builder.AddInitializer("guard.unsqueeze_axes", [1], [1L]);
        var row = builder.AddNode("Unsqueeze", "guard_features_row", [wide, axis1]);
        var diff = builder.AddNode("Sub", "guard_difference", [row, means]);
        var projected = builder.AddNode("MatMul", "guard_project", [diff, precision]);
        var product = builder.AddNode("Mul", "guard_product", [diff, projected]);
        var axis2 = builder.AddInitializer("guard.sum_axes", [1], [2L]);
        var sum = builder.AddNode("ReduceSum", "guard_sum", [product, axis2], attributes: IntAttribute("keepdims", 0));
        builder.AddNode("Cast", OnnxModelContract.GuardDistancesOutput, [sum], attributes: IntAttribute("to", float32));
        builder.AddOutput(OnnxModelContract.GuardDistancesOutput, k);
        return OnnxModelContract.GuardDistancesOutput;
    }

    /// <summary>Per-image <c>(x − mean) / sqrt(var + ε)</c> over H×W with the biased variance, as
    /// <see cref="CxrModel.Standardize"/>, computed in float64 and rounded to float32 once. This is the function
    /// InstanceNormalization computes, but ONNX Runtime's float32 kernels for it (and for ReduceMean) sum the 50,176 pixels
    /// of a 224×224 image sequentially: 4e-5 absolute error against TorchSharp's 8e-7, which the network amplifies to
    /// ~3e-3 in the logit. In float64 the graph is exact to float32 rounding, for a negligible cost on one channel.</summary>
    private static string AddStandardization(OnnxGraphBuilder builder, string x)
    {
        const long float64 = (long)TensorProto.Types.DataType.Double;
        const long float32 = (long)TensorProto.Types.DataType.Float;
        AttributeProto[] spatialMean = [IntsAttribute("axes", [2, 3]), IntAttribute("keepdims", 1)];
        var wide = builder.AddNode("Cast", "standardize_to_double", [x], attributes: IntAttribute("to", float64));
        var mean = builder.AddNode("ReduceMean", "standardize_mean", [wide], attributes: spatialMean);
        var centered = builder.AddNode("Sub", "standardize_center", [wide, mean]);
        var squared = builder.AddNode("Mul", "standardize_square", [centered, centered]);
        var variance = builder.AddNode("ReduceMean", "standardize_variance", [squared], attributes: spatialMean);
        var epsilon = builder.AddInitializer("standardize.epsilon", [], [CxrModel.StandardizeEpsilon]);
        var shifted = builder.AddNode("Add", "standardize_variance_eps", [variance, epsilon]);
        var deviation = builder.AddNode("Sqrt", "standardize_std", [shifted]);
        var standardized = builder.AddNode("Div", "standardize_divide", [centered, deviation]);
        return builder.AddNode("Cast", "standardize", [standardized], attributes: IntAttribute("to", float32));
    }

    private static (string Value, MapShape Shape) AddFeatureLayers(
        OnnxGraphBuilder builder, IReadOnlyList<nn.Module<Tensor, Tensor>> layers, ModuleNames names, string x, MapShape shape)
    {
        for (var i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            var name = names[layer];
            switch (layer)
            {
                case Conv2d conv:
                    var batchNorm = i + 1 < layers.Count ? layers[i + 1] as BatchNorm2d : null;
                    if (batchNorm is not null)
                    {
                        i++;
                    }

                    if (conv.in_channels != shape.Channels)
                    {
                        throw new NotSupportedException($"Conv2d '{name}' expects {conv.in_channels} input channels but receives {shape.Channels}.");
                    }

                    var folded = FoldedConvolution.Fold(conv, batchNorm, name);
                    var weight = builder.AddInitializer($"{name}.weight", folded.WeightShape, folded.Weight);
                    var bias = builder.AddInitializer($"{name}.bias", [folded.OutChannels], folded.Bias);
                    x = builder.AddNode("Conv", name, [x, weight, bias], attributes:
                    [
                        IntsAttribute("kernel_shape", folded.KernelShape),
                        IntsAttribute("strides", folded.Strides),
                        IntsAttribute("pads", folded.Pads),
                        IntsAttribute("dilations", folded.Dilations),
                        IntAttribute("group", folded.Groups),
                    ]);
                    shape = new MapShape(folded.OutChannels, folded.OutputSide(shape.Height, 0), folded.OutputSide(shape.Width, 1));
                    break;
                case BatchNorm2d:
                    throw new NotSupportedException($"BatchNorm2d '{name}' does not directly follow a Conv2d; the ONNX export folds batch norm into the preceding convolution only.");
                case ReLU:
                    x = builder.AddNode("Relu", name, [x]);
                    break;
                case MaxPool2d pool:
                    (x, shape) = AddMaxPool(builder, pool, name, x, shape);
                    break;
                case Dropout or Dropout1d or Dropout2d or Dropout3d or Identity:
                    // Identity at inference time: nothing to export.
                    break;
                default:
                    throw new NotSupportedException($"Layer '{name}' ({layer.GetType().Name}) has no ONNX export; supported: Conv2d, BatchNorm2d after a Conv2d, ReLU, MaxPool2d, dropout.");
            }

            if (shape.Height < 1 || shape.Width < 1)
            {
                throw new NotSupportedException($"Layer '{name}' leaves no spatial extent ({shape.Height}x{shape.Width}); the input size is too small for this model.");
            }
        }

        return (x, shape);
    }

    private static (string Value, MapShape Shape) AddMaxPool(OnnxGraphBuilder builder, MaxPool2d pool, string name, string x, MapShape shape)
    {
        var kernel = SizePair.Of(pool.kernel_size, 1);
        // TorchSharp, like PyTorch, uses stride = kernel size when no stride is given.
        var strides = pool.stride is null or [] ? kernel : SizePair.Of(pool.stride, 1);
        var padding = SizePair.Of(pool.padding, 0);
        var dilations = SizePair.Of(pool.dilation, 1);
        var attributes = new List<AttributeProto>
        {
            IntsAttribute("kernel_shape", kernel),
            IntsAttribute("strides", strides),
            IntsAttribute("pads", [padding[0], padding[1], padding[0], padding[1]]),
        };
        if (dilations.Any(d => d != 1))
        {
            attributes.Add(IntsAttribute("dilations", dilations));
        }

        if (pool.ceil_mode)
        {
            attributes.Add(IntAttribute("ceil_mode", 1));
        }

        var output = builder.AddNode("MaxPool", name, [x], attributes: [.. attributes]);
        var height = PoolSide(shape.Height, kernel[0], strides[0], padding[0], dilations[0], pool.ceil_mode);
        var width = PoolSide(shape.Width, kernel[1], strides[1], padding[1], dilations[1], pool.ceil_mode);
        return (output, shape with { Height = height, Width = width });
    }

    private static long PoolSide(long input, long kernel, long stride, long padding, long dilation, bool ceilMode)
    {
        var span = input + (2 * padding) - (dilation * (kernel - 1)) - 1;
        var output = (ceilMode ? (span + stride - 1) / stride : span / stride) + 1;
        // PyTorch drops a last window that would start in the right padding.
        if (ceilMode && (output - 1) * stride >= input + padding)
        {
            output--;
        }

        return output;
    }

    /// <summary>GAP + linear head, written as its exact class-activation map: a 1×1 convolution with the classifier's
    /// weights gives the heatmap, whose spatial mean is the logit (mean and the linear map commute).</summary>
    private static string[] AddGlobalAveragePoolHead(
        OnnxGraphBuilder builder, Linear classifier, ModuleNames names, string maps, MapShape shape, double temperature)
    {
        var name = names[classifier];
        if (classifier.in_features != shape.Channels || classifier.out_features != 1)
        {
            throw new NotSupportedException($"Classifier '{name}' maps {classifier.in_features}→{classifier.out_features}; expected {shape.Channels}→1.");
        }

        var weight = builder.AddInitializer($"{name}.weight", [1, shape.Channels, 1, 1], TensorValues.ToFloats(classifier.weight!));
        var bias = builder.AddInitializer($"{name}.bias", [1], classifier.bias is null ? [0f] : TensorValues.ToFloats(classifier.bias));
        var classMap = builder.AddNode("Conv", "class_map", [maps, weight, bias], attributes: IntsAttribute("kernel_shape", [1, 1]));
        var axes = builder.AddInitializer("class_map.squeeze_axes", [1], [1L]);
        var heatmap = builder.AddNode("Squeeze", OnnxModelContract.HeatmapOutput, [classMap, axes]);
        var logit = builder.AddNode("ReduceMean", OnnxModelContract.LogitOutput, [heatmap], attributes:
            [IntsAttribute("axes", [1, 2]), IntAttribute("keepdims", 0)]);
        AddProbability(builder, logit, temperature);

        var pooled = builder.AddNode("GlobalAveragePool", "pooled", [maps]);
        builder.AddNode("Flatten", OnnxModelContract.FeaturesOutput, [pooled], attributes: IntAttribute("axis", 1));

        builder.AddOutput(OnnxModelContract.LogitOutput);
        builder.AddOutput(OnnxModelContract.ProbabilityOutput);
        builder.AddOutput(OnnxModelContract.HeatmapOutput, shape.Height, shape.Width);
        builder.AddOutput(OnnxModelContract.FeaturesOutput, shape.Channels);
        return [OnnxModelContract.LogitOutput, OnnxModelContract.ProbabilityOutput, OnnxModelContract.HeatmapOutput, OnnxModelContract.FeaturesOutput];
    }

    private static string[] AddFlattenDenseHead(
        OnnxGraphBuilder builder, (Linear Dense, Linear Output) head, ModuleNames names,
        string maps, MapShape shape, double temperature)
    {
        var (dense, output) = head;
        var flatLength = shape.Channels * shape.Height * shape.Width;
        if (dense.in_features != flatLength)
        {
            throw new NotSupportedException($"Dense layer '{names[dense]}' takes {dense.in_features} features but the last feature maps flatten to {shape.Channels}x{shape.Height}x{shape.Width} = {flatLength}.");
        }

        if (output.in_features != dense.out_features || output.out_features != 1)
        {
            throw new NotSupportedException($"Output layer '{names[output]}' maps {output.in_features}→{output.out_features}; expected {dense.out_features}→1.");
        }

        var flat = builder.AddNode("Flatten", "flatten", [maps], attributes: IntAttribute("axis", 1));
        var hidden = AddGemm(builder, dense, names[dense], flat);
        var features = builder.AddNode("Relu", $"{names[dense]}_relu", [hidden], OnnxModelContract.FeaturesOutput);
        var column = AddGemm(builder, output, names[output], features);
        var axes = builder.AddInitializer($"{names[output]}.squeeze_axes", [1], [1L]);
        var logit = builder.AddNode("Squeeze", OnnxModelContract.LogitOutput, [column, axes]);
        AddProbability(builder, logit, temperature);

        builder.AddOutput(OnnxModelContract.LogitOutput);
        builder.AddOutput(OnnxModelContract.ProbabilityOutput);
        builder.AddOutput(OnnxModelContract.FeaturesOutput, dense.out_features);
        return [OnnxModelContract.LogitOutput, OnnxModelContract.ProbabilityOutput, OnnxModelContract.FeaturesOutput];
    }

    private static string AddGemm(OnnxGraphBuilder builder, Linear linear, string name, string x)
    {
        var weight = builder.AddInitializer($"{name}.weight", [linear.out_features, linear.in_features], TensorValues.ToFloats(linear.weight!));
        var bias = builder.AddInitializer($"{name}.bias", [linear.out_features],
            linear.bias is null ? new float[linear.out_features] : TensorValues.ToFloats(linear.bias));
        return builder.AddNode("Gemm", name, [x, weight, bias], attributes: IntAttribute("transB", 1));
    }

    private static void AddProbability(OnnxGraphBuilder builder, string logit, double temperature)
    {
        var t = builder.AddInitializer("temperature", [], [(float)temperature]);
        var scaled = builder.AddNode("Div", "scaled_logit", [logit, t]);
        builder.AddNode("Sigmoid", OnnxModelContract.ProbabilityOutput, [scaled]);
    }

    private static string ProducerVersion()
    {
        var assembly = typeof(OnnxExporter).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "0.0.0";
        // Drop the "+<commit>" build metadata so the same model exports to the same bytes on every build.
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}
