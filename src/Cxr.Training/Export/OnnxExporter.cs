using System.Globalization;
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

    /// <summary>The scalar initializer holding T.</summary>
    private const string TemperatureInitializer = "temperature";

    private const long Float64 = (long)TensorProto.Types.DataType.Double;

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
        WriteFile(path, ExportToBytes(model, card, guard));
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
        var temperature = CheckCard(card, model.InputSize);
        if (card.Ensemble is not null)
        {
            throw new ArgumentException(
                $"The card describes an ensemble of {card.Ensemble.Members} members but one model is exported; use ExportEnsemble, or clear ModelCard.Ensemble.", nameof(card));
        }

        using var noGrad = no_grad();
        var names = new ModuleNames(model);
        var size = model.InputSize;
        var builder = new OnnxGraphBuilder($"cxr_{model.Architecture}");
        var x = builder.AddInput(OnnxModelContract.ImageInput, 1, size, size);
        var shape = new MapShape(1, size, size);

        if (model.StandardizesInput)
        {
            x = AddStandardization(builder, x, model.StandardizationIgnoresBlack);
        }

        (x, shape) = AddFeatureLayers(builder, model.FeatureLayers, names, x, shape);

        var outputs = model.Head switch
        {
            ModelHead.GlobalAveragePoolLinear => AddGlobalAveragePoolHead(builder, model.Classifier, names, x, shape, temperature),
            ModelHead.FlattenDense => AddFlattenDenseHead(builder, model.DenseLayers, names, x, shape, temperature),
            _ => throw new NotSupportedException($"Model head {model.Head} has no ONNX export."),
        };
        return Complete(builder, card, model.Architecture, outputs, shape, guard, () => ProbeOutputs.Compute(model, guard));
    }

    /// <summary>Writes an ensemble as one ONNX file (parent folders are created; an existing file is replaced only once
    /// the new one is fully written): the members' graphs side by side on one input, their initializer and node names
    /// prefixed <c>member1_</c>, <c>member2_</c>, …; <c>logit</c> = the mean of the members' logits, <c>probability</c>
    /// = sigmoid(logit / T), <c>heatmap</c> = the mean of their class-activation maps, <c>features</c> = their features
    /// side by side (member order), <c>member_spread</c> = the population standard deviation of the members' calibrated
    /// probabilities sigmoid(logit_k / T), and <c>guard_distances</c> from those features when a guard is given.</summary>
    /// <param name="ensemble">The members (cxrnet-style global-average-pool networks of one size).</param>
    /// <param name="path">Destination <c>.onnx</c> file.</param>
    /// <param name="card">As for <see cref="Export"/>, and its <see cref="ModelCard.Ensemble"/> must describe
    /// <paramref name="ensemble"/> (as many members).</param>
    /// <param name="guard">The input guard fitted on the ensemble's features, or null.</param>
    /// <exception cref="ArgumentOutOfRangeException">The card's temperature is not finite and positive.</exception>
    /// <exception cref="ArgumentException">As for <see cref="Export"/>, or the card has no ensemble entry or one of
    /// another member count.</exception>
    /// <exception cref="NotSupportedException">A member holds a layer the exporter cannot express, or the members'
    /// heatmap grids differ.</exception>
    public static void ExportEnsemble(CxrEnsemble ensemble, string path, ModelCard card, FittedInputGuard? guard = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        WriteFile(path, EnsembleToBytes(ensemble, card, guard));
    }

    /// <summary>The bytes of the ONNX file <see cref="ExportEnsemble"/> writes.</summary>
    /// <inheritdoc cref="ExportEnsemble" path="/param"/>
    /// <inheritdoc cref="ExportEnsemble" path="/exception"/>
    public static byte[] EnsembleToBytes(CxrEnsemble ensemble, ModelCard card, FittedInputGuard? guard = null) =>
        BuildEnsembleModel(ensemble, card, guard).ToByteArray();

    /// <summary>Builds the ensemble's ONNX model in memory (what <see cref="EnsembleToBytes"/> serialises).</summary>
    internal static ModelProto BuildEnsembleModel(CxrEnsemble ensemble, ModelCard card, FittedInputGuard? guard = null)
    {
        ArgumentNullException.ThrowIfNull(ensemble);
        ArgumentNullException.ThrowIfNull(card);
        var temperature = CheckCard(card, ensemble.InputSize);
        var members = ensemble.Members;
        if (card.Ensemble is not { } spec || spec.Members != members.Count)
        {
            throw new ArgumentException(
                $"The card must describe the ensemble it is exported with ({members.Count} members); its ensemble entry says {(card.Ensemble is null ? "nothing" : card.Ensemble.Members + " members")}.", nameof(card));
        }

        using var noGrad = no_grad();
        var size = ensemble.InputSize;
        var builder = new OnnxGraphBuilder($"cxr_{ensemble.Architecture}_ensemble{members.Count}");
        var image = builder.AddInput(OnnxModelContract.ImageInput, 1, size, size);
        // The members standardise alike (CxrEnsemble checks it), so the graph standardises once for all of them.
        var x = ensemble.StandardizesInput ? AddStandardization(builder, image, ensemble.StandardizationIgnoresBlack) : image;
        var heatmaps = new List<string>();
        var logits = new List<string>();
        var features = new List<string>();
        MapShape? grid = null;
        long featureWidth = 0;
        for (var k = 0; k < members.Count; k++)
        {
            var member = members[k];
            var prefix = MemberPrefix(k);
            var names = new ModuleNames(member, prefix);
            var (maps, shape) = AddFeatureLayers(builder, member.FeatureLayers, names, x, new MapShape(1, size, size));
            if (grid is { } first && (first.Height != shape.Height || first.Width != shape.Width))
            {
                throw new NotSupportedException(
                    $"Ensemble member {k + 1} ends in {shape.Height}x{shape.Width} maps but member 1 in {first.Height}x{first.Width}; their heatmaps cannot be averaged.");
            }

            grid = shape;
            var (heatmap, logit) = AddClassMap(builder, member.Classifier, names, maps, shape, prefix, prefix + OnnxModelContract.HeatmapOutput, prefix + OnnxModelContract.LogitOutput);
            heatmaps.Add(heatmap);
            logits.Add(logit);
            features.Add(AddPooledFeatures(builder, maps, prefix, prefix + OnnxModelContract.FeaturesOutput));
            featureWidth += shape.Channels;
        }

        AddEnsembleHead(builder, logits, heatmaps, features, temperature);
        builder.AddOutput(OnnxModelContract.LogitOutput);
        builder.AddOutput(OnnxModelContract.ProbabilityOutput);
        builder.AddOutput(OnnxModelContract.HeatmapOutput, grid!.Value.Height, grid.Value.Width);
        builder.AddOutput(OnnxModelContract.FeaturesOutput, featureWidth);
        builder.AddOutput(OnnxModelContract.MemberSpreadOutput);
        string[] outputs =
        [
            OnnxModelContract.LogitOutput, OnnxModelContract.ProbabilityOutput, OnnxModelContract.HeatmapOutput,
            OnnxModelContract.FeaturesOutput, OnnxModelContract.MemberSpreadOutput,
        ];
        return Complete(builder, card, ensemble.Architecture, outputs, grid.Value, guard, () => ProbeOutputs.Compute(ensemble, guard, temperature));
    }

    /// <summary>The prefix of member <paramref name="index"/>'s (0-based) initializer and node names: <c>member1_</c>, ….</summary>
    internal static string MemberPrefix(int index) => string.Create(CultureInfo.InvariantCulture, $"member{index + 1}_");

    /// <summary>The card's temperature, after checking that the card can be exported with a model of
    /// <paramref name="inputSize"/> px.</summary>
    private static double CheckCard(ModelCard card, int inputSize)
    {
        var temperature = card.Temperature;
        if (!double.IsFinite(temperature) || temperature <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(card), temperature,
                "The card's temperature must be a finite number greater than 0 (1 = uncalibrated).");
        }

        if (card.Preprocess.Size != inputSize)
        {
            throw new ArgumentException(
                $"The card's preprocessing is for {card.Preprocess.Size} px images but the model takes {inputSize} px.", nameof(card));
        }

        return temperature;
    }

    /// <summary>Adds the guard output, wraps the graph in a model and writes the completed card into its metadata.</summary>
    private static ModelProto Complete(
        OnnxGraphBuilder builder, ModelCard card, string architecture, string[] outputs, MapShape lastMaps, FittedInputGuard? guard, Func<ModelSelfTestSpec> probe)
    {
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
        var selfTest = probe();
        var complete = card with
        {
            Architecture = architecture,
            Outputs = outputs,
            HeatmapSize = outputs.Contains(OnnxModelContract.HeatmapOutput) ? ((int)lastMaps.Height, (int)lastMaps.Width) : null,
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

    /// <summary>The ensemble's outputs from its members' values: the logit columns stacked to <c>member_logits [N, K]</c>,
    /// their mean as <c>logit</c>, <c>probability</c>, the mean heatmap, the features side by side, and
    /// <c>member_spread</c> = sqrt(mean_k (p_k − mean_j p_j)²) with p_k = sigmoid(logit_k / T).</summary>
    private static void AddEnsembleHead(
        OnnxGraphBuilder builder, IReadOnlyList<string> logits, IReadOnlyList<string> heatmaps, IReadOnlyList<string> features, double temperature)
    {
        var axis1 = builder.AddInitializer("ensemble.unsqueeze_axes", [1], [1L]);
        var columns = logits.Select((logit, k) => builder.AddNode("Unsqueeze", MemberPrefix(k) + "logit_column", [logit, axis1])).ToArray();
        var memberLogits = builder.AddNode("Concat", "member_logits", columns, attributes: IntAttribute("axis", 1));
        AttributeProto[] memberMean = [IntsAttribute("axes", [1]), IntAttribute("keepdims", 0)];
        var logit = builder.AddNode("ReduceMean", OnnxModelContract.LogitOutput, [memberLogits], attributes: memberMean);
        AddProbability(builder, logit, temperature);
        builder.AddNode("Mean", OnnxModelContract.HeatmapOutput, heatmaps);
        builder.AddNode("Concat", OnnxModelContract.FeaturesOutput, features, attributes: IntAttribute("axis", 1));

        var scaled = builder.AddNode("Div", "member_scaled_logits", [memberLogits, TemperatureInitializer]);
        var probabilities = builder.AddNode("Sigmoid", "member_probabilities", [scaled]);
        var mean = builder.AddNode("ReduceMean", "member_probability_mean", [probabilities], attributes: [IntsAttribute("axes", [1]), IntAttribute("keepdims", 1)]);
        var deviation = builder.AddNode("Sub", "member_probability_deviation", [probabilities, mean]);
        var squared = builder.AddNode("Mul", "member_probability_square", [deviation, deviation]);
        var variance = builder.AddNode("ReduceMean", "member_probability_variance", [squared], attributes: memberMean);
        builder.AddNode("Sqrt", OnnxModelContract.MemberSpreadOutput, [variance]);
    }

    private static void WriteFile(string path, byte[] bytes)
    {
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

    /// <summary>Squared Mahalanobis distance of the features to each reference mean, in float64:
    /// <c>sum((f − μ_k) P (f − μ_k)ᵀ)</c> per k, as <c>[N, K]</c>. Computed from the differences, not expanded into
    /// <c>fᵀPf − 2μᵀPf + μᵀPμ</c>, which would cancel catastrophically.</summary>
    private static string AddGuardDistances(OnnxGraphBuilder builder, FittedInputGuard guard)
    {
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
        var wide = builder.AddNode("Cast", "guard_features_to_double", [OnnxModelContract.FeaturesOutput], attributes: IntAttribute("to", Float64));
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
    /// <see cref="CxrModel.Standardize(Tensor, bool)"/>, computed in float64 and rounded to float32 once. This is the
    /// function InstanceNormalization computes, but ONNX Runtime's float32 kernels for it (and for ReduceMean) sum the
    /// 50,176 pixels of a 224×224 image sequentially: 4e-5 absolute error against TorchSharp's 8e-7, which the network
    /// amplifies to ~3e-3 in the logit. In float64 the graph is exact to float32 rounding, for a negligible cost on one
    /// channel. Only the mean and variance differ with <paramref name="ignoreBlack"/> (<see cref="AddMaskedMoments"/>).</summary>
    private static string AddStandardization(OnnxGraphBuilder builder, string x, bool ignoreBlack)
    {
        const long float32 = (long)TensorProto.Types.DataType.Float;
        var wide = builder.AddNode("Cast", "standardize_to_double", [x], attributes: IntAttribute("to", Float64));
        var (centered, variance) = ignoreBlack ? AddMaskedMoments(builder, x, wide) : AddMoments(builder, wide);
        var epsilon = builder.AddInitializer("standardize.epsilon", [], [CxrModel.StandardizeEpsilon]);
        var shifted = builder.AddNode("Add", "standardize_variance_eps", [variance, epsilon]);
        var deviation = builder.AddNode("Sqrt", "standardize_std", [shifted]);
        var standardized = builder.AddNode("Div", "standardize_divide", [centered, deviation]);
        return builder.AddNode("Cast", "standardize", [standardized], attributes: IntAttribute("to", float32));
    }

    /// <summary>ReduceMean's attributes for a per-image mean over H×W, keeping the dimensions.</summary>
    private static AttributeProto[] SpatialMean => [IntsAttribute("axes", [2, 3]), IntAttribute("keepdims", 1)];

    /// <summary><c>x − mean</c> and the biased variance over all H×W pixels of the float64 image <paramref name="wide"/>.</summary>
    private static (string Centered, string Variance) AddMoments(OnnxGraphBuilder builder, string wide)
    {
        var mean = builder.AddNode("ReduceMean", "standardize_mean", [wide], attributes: SpatialMean);
        var centered = builder.AddNode("Sub", "standardize_center", [wide, mean]);
        var squared = builder.AddNode("Mul", "standardize_square", [centered, centered]);
        return (centered, builder.AddNode("ReduceMean", "standardize_variance", [squared], attributes: SpatialMean));
    }

    /// <summary>The same with black pixels left out of the statistics: the mask <c>x &gt; level</c> is compared in
    /// float32 on the input <paramref name="x"/> itself (so it is the same set of pixels as in TorchSharp), then
    /// <c>mean = mean(m·x) / share</c> and <c>var = mean((m·(x − mean))²) / share</c> with
    /// <c>share = max(mean(m), 1e-9)</c>. The node <c>standardize_mask</c> is how <see cref="OnnxModelImporter"/>
    /// recognises this variant.</summary>
    private static (string Centered, string Variance) AddMaskedMoments(OnnxGraphBuilder builder, string x, string wide)
    {
        var level = builder.AddInitializer("standardize.black_level", [], [CxrModel.StandardizeBlackLevel]);
        var above = builder.AddNode("Greater", "standardize_mask", [x, level]);
        var mask = builder.AddNode("Cast", "standardize_mask_to_double", [above], attributes: IntAttribute("to", Float64));
        var rawShare = builder.AddNode("ReduceMean", "standardize_share", [mask], attributes: SpatialMean);
        var floor = builder.AddInitializer("standardize.share_floor", [], [1e-9]);
        var share = builder.AddNode("Max", "standardize_share_floor", [rawShare, floor]);
        var masked = builder.AddNode("Mul", "standardize_masked", [wide, mask]);
        var maskedMean = builder.AddNode("ReduceMean", "standardize_masked_mean", [masked], attributes: SpatialMean);
        var mean = builder.AddNode("Div", "standardize_mean", [maskedMean, share]);
        var centered = builder.AddNode("Sub", "standardize_center", [wide, mean]);
        var maskedCentered = builder.AddNode("Mul", "standardize_masked_center", [centered, mask]);
        var squared = builder.AddNode("Mul", "standardize_square", [maskedCentered, maskedCentered]);
        var squaredMean = builder.AddNode("ReduceMean", "standardize_masked_variance", [squared], attributes: SpatialMean);
        return (centered, builder.AddNode("Div", "standardize_variance", [squaredMean, share]));
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
        var (_, logit) = AddClassMap(builder, classifier, names, maps, shape, string.Empty, OnnxModelContract.HeatmapOutput, OnnxModelContract.LogitOutput);
        AddProbability(builder, logit, temperature);
        AddPooledFeatures(builder, maps, string.Empty, OnnxModelContract.FeaturesOutput);

        builder.AddOutput(OnnxModelContract.LogitOutput);
        builder.AddOutput(OnnxModelContract.ProbabilityOutput);
        builder.AddOutput(OnnxModelContract.HeatmapOutput, shape.Height, shape.Width);
        builder.AddOutput(OnnxModelContract.FeaturesOutput, shape.Channels);
        return [OnnxModelContract.LogitOutput, OnnxModelContract.ProbabilityOutput, OnnxModelContract.HeatmapOutput, OnnxModelContract.FeaturesOutput];
    }

    /// <summary>The class-activation map <c>[N, h, w]</c> (the classifier as a 1×1 convolution) named
    /// <paramref name="heatmapName"/>, and its spatial mean, the logit <c>[N]</c>, named <paramref name="logitName"/>;
    /// the other node names start with <paramref name="prefix"/>.</summary>
    private static (string Heatmap, string Logit) AddClassMap(
        OnnxGraphBuilder builder, Linear classifier, ModuleNames names, string maps, MapShape shape, string prefix, string heatmapName, string logitName)
    {
        var name = names[classifier];
        if (classifier.in_features != shape.Channels || classifier.out_features != 1)
        {
            throw new NotSupportedException($"Classifier '{name}' maps {classifier.in_features}→{classifier.out_features}; expected {shape.Channels}→1.");
        }

        var weight = builder.AddInitializer($"{name}.weight", [1, shape.Channels, 1, 1], TensorValues.ToFloats(classifier.weight!));
        var bias = builder.AddInitializer($"{name}.bias", [1], classifier.bias is null ? [0f] : TensorValues.ToFloats(classifier.bias));
        var classMap = builder.AddNode("Conv", prefix + "class_map", [maps, weight, bias], attributes: IntsAttribute("kernel_shape", [1, 1]));
        var axes = builder.AddInitializer(prefix + "class_map.squeeze_axes", [1], [1L]);
        var heatmap = builder.AddNode("Squeeze", heatmapName, [classMap, axes]);
        var logit = builder.AddNode("ReduceMean", logitName, [heatmap], attributes:
            [IntsAttribute("axes", [1, 2]), IntAttribute("keepdims", 0)]);
        return (heatmap, logit);
    }

    /// <summary>The last feature maps averaged over space, <c>[N, C]</c>, named <paramref name="featuresName"/>.</summary>
    private static string AddPooledFeatures(OnnxGraphBuilder builder, string maps, string prefix, string featuresName)
    {
        var pooled = builder.AddNode("GlobalAveragePool", prefix + "pooled", [maps]);
        return builder.AddNode("Flatten", featuresName, [pooled], attributes: IntAttribute("axis", 1));
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
        var t = builder.AddInitializer(TemperatureInitializer, [], [(float)temperature]);
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
