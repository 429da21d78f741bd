using System.Diagnostics.CodeAnalysis;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Cxr.Training.Models;

/// <summary>
/// The default cxr architecture: per-image standardisation, a stride-2 stem, blocks of 3×3 conv + batch norm + ReLU with
/// 2×2 max-pooling between blocks, global average pooling and one linear unit. Because the head is linear after GAP, the
/// class-activation map (head weights applied at each location) is exact and costs one 1×1 convolution at serving time.
/// </summary>
/// <remarks>Input <c>[N, 1, S, S]</c> in [0, 1]; logits <c>[N]</c>; heatmap <c>[N, S/2^(blocks), S/2^(blocks)]</c>
/// (7×7 at S = 224 with the default five blocks: the stem halves, four pools halve again).</remarks>
[SuppressMessage("Usage", "CA2213:Disposable fields should be disposed",
    Justification = "The layer fields are registered by RegisterComponents, and TorchSharp's Module.Dispose disposes every registered module.")]
public sealed class CxrNet : CxrModel
{
    public const string ArchitectureId = "cxrnet";

    private readonly Sequential features;
    private readonly Dropout dropout;
    private readonly Linear classifier;
    private readonly IReadOnlyList<Module<Tensor, Tensor>> featureLayers;

    public CxrNet(CxrNetOptions? options = null) : base(nameof(CxrNet))
    {
        Options = options ?? new CxrNetOptions();
        var layers = new List<(string Name, Module<Tensor, Tensor> Layer)>
        {
            ("stem_conv", Conv2d(1, Options.StemWidth, 3, stride: 2, padding: 1, bias: false)),
            ("stem_bn", BatchNorm2d(Options.StemWidth)),
            ("stem_relu", ReLU()),
        };
        var channels = Options.StemWidth;
        var widths = Options.BlockWidths;
        for (var b = 0; b < widths.Count; b++)
        {
            for (var c = 0; c < Options.ConvsPerBlock; c++)
            {
                layers.Add(($"block{b + 1}_conv{c + 1}", Conv2d(channels, widths[b], 3, padding: 1, bias: false)));
                layers.Add(($"block{b + 1}_bn{c + 1}", BatchNorm2d(widths[b])));
                layers.Add(($"block{b + 1}_relu{c + 1}", ReLU()));
                channels = widths[b];
            }

            if (b < widths.Count - 1)
            {
                layers.Add(($"block{b + 1}_pool", MaxPool2d(2)));
            }
        }

        features = Sequential(layers);
        featureLayers = layers.Select(l => l.Layer).ToList();
        dropout = Dropout(Options.HeadDropout);
        classifier = Linear(channels, 1);
        RegisterComponents();
        InitializeWeights();
    }

    public CxrNetOptions Options { get; }

    public override string Architecture => ArchitectureId;

    public override int InputSize => Options.InputSize;

    public override bool StandardizesInput => Options.Standardize;

    public override bool StandardizationIgnoresBlack => Options.Standardize && Options.StandardizeIgnoresBlack;

    public override IReadOnlyList<Module<Tensor, Tensor>> FeatureLayers => featureLayers;

    public override ModelHead Head => ModelHead.GlobalAveragePoolLinear;

    /// <summary>The linear unit after global average pooling (C→1).</summary>
    public override Linear Classifier => classifier;

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var pooled = Features(input).mean([2L, 3L]);
        return classifier.call(dropout.call(pooled)).squeeze(1).MoveToOuterDisposeScope();
    }

    /// <summary>Global-average-pooled last feature maps <c>[N, C]</c>.</summary>
    public override Tensor Embedding(Tensor input) => PooledFeatures(input);

    public override Tensor ClassActivationMap(Tensor input) => LinearClassActivationMap(input, classifier);

    private void InitializeWeights()
    {
        using var noGrad = no_grad();
        foreach (var layer in featureLayers.OfType<Conv2d>())
        {
            init.kaiming_normal_(layer.weight, mode: init.FanInOut.FanOut, nonlinearity: init.NonlinearityType.ReLU);
        }

        init.normal_(classifier.weight, 0, 0.01);
        init.zeros_(classifier.bias);
    }
}
