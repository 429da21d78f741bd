using System.Diagnostics.CodeAnalysis;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Cxr.Training.Models;

/// <summary>
/// A <see cref="CxrNet"/>-shaped network in its exported, batch-norm-folded form: convolutions with bias, ReLU and max-pool
/// layers under the names the export gave them, then global average pooling and one linear unit. Made by
/// <see cref="Export.OnnxModelImporter"/> from a cxr ONNX file so that TorchSharp can compute the model's function
/// independently of ONNX Runtime (e.g. to record a self-test for a model exported before self-tests existed).
/// </summary>
/// <remarks>Input <c>[N, 1, S, S]</c> in [0, 1]; logits <c>[N]</c>; no dropout (eval-mode function only).</remarks>
[SuppressMessage("Usage", "CA2213:Disposable fields should be disposed",
    Justification = "The layer fields are registered by RegisterComponents, and TorchSharp's Module.Dispose disposes every registered module.")]
public sealed class FoldedCxrNet : CxrModel
{
    private readonly Sequential features;
    private readonly Linear classifier;
    private readonly IReadOnlyList<Module<Tensor, Tensor>> featureLayers;

    /// <param name="architecture">The architecture id the model was exported with (<c>cxrnet</c>).</param>
    /// <param name="inputSize">Square input size S.</param>
    /// <param name="standardizesInput">Whether the graph standardises each image first.</param>
    /// <param name="layers">Feature layers in forward order, with their exported names.</param>
    /// <param name="classifier">The C→1 linear unit after global average pooling.</param>
    /// <param name="standardizationIgnoresBlack">Whether that standardisation leaves black pixels out of its statistics.</param>
    public FoldedCxrNet(
        string architecture, int inputSize, bool standardizesInput, IReadOnlyList<(string Name, Module<Tensor, Tensor> Layer)> layers, Linear classifier,
        bool standardizationIgnoresBlack = false)
        : base(nameof(FoldedCxrNet))
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(architecture);
        ArgumentNullException.ThrowIfNull(layers);
        Architecture = architecture;
        InputSize = inputSize;
        StandardizesInput = standardizesInput;
        StandardizationIgnoresBlack = standardizesInput && standardizationIgnoresBlack;
        features = Sequential(layers);
        featureLayers = [.. layers.Select(l => l.Layer)];
        this.classifier = classifier ?? throw new ArgumentNullException(nameof(classifier));
        RegisterComponents();
    }

    public override string Architecture { get; }

    public override int InputSize { get; }

    public override bool StandardizesInput { get; }

    public override bool StandardizationIgnoresBlack { get; }

    public override IReadOnlyList<Module<Tensor, Tensor>> FeatureLayers => featureLayers;

    public override ModelHead Head => ModelHead.GlobalAveragePoolLinear;

    /// <summary>The linear unit after global average pooling (C→1).</summary>
    public override Linear Classifier => classifier;

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return classifier.call(Embedding(input)).squeeze(1).MoveToOuterDisposeScope();
    }

    public override Tensor Embedding(Tensor input) => PooledFeatures(input);

    public override Tensor ClassActivationMap(Tensor input) => LinearClassActivationMap(input, classifier);
}
