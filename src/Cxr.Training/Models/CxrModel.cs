using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Cxr.Training.Models;

/// <summary>
/// Base of every cxr architecture: a feature extractor of plain layers in forward order, then a head that produces one
/// logit per image. The layer list is what the ONNX exporter walks, so a model can be exported only if it is built from
/// the layer types the exporter knows (Conv2d, BatchNorm2d, ReLU, MaxPool2d, Dropout2d).
/// </summary>
/// <remarks>Input: <c>[N, 1, S, S]</c> float in [0, 1]. Output of <c>forward</c>: logits <c>[N]</c>.</remarks>
public abstract class CxrModel : nn.Module<Tensor, Tensor>, IEmbeddingModel
{
    protected CxrModel(string name) : base(name)
    {
    }

    /// <summary>Architecture id stored in model metadata (<c>cxr.arch</c>).</summary>
    public abstract string Architecture { get; }

    /// <summary>Square input size S in pixels the model was built for.</summary>
    public abstract int InputSize { get; }

    /// <summary>When true, each image is standardised to zero mean and unit variance before the first layer.</summary>
    public abstract bool StandardizesInput { get; }

    /// <summary>The feature extractor, in forward order.</summary>
    public abstract IReadOnlyList<nn.Module<Tensor, Tensor>> FeatureLayers { get; }

    /// <summary>The head: global average pooling + one linear unit, or flatten + dense layers.</summary>
    public abstract ModelHead Head { get; }

    /// <summary>The C→1 linear unit after global average pooling of a <see cref="ModelHead.GlobalAveragePoolLinear"/>
    /// head (the exporter writes it as the class-activation map).</summary>
    /// <exception cref="NotSupportedException">The model has another head, or does not expose its classifier.</exception>
    public virtual Linear Classifier =>
        throw new NotSupportedException($"No ONNX export for the global-average-pool head of {GetType().Name}: it exposes no classifier.");

    /// <summary>The hidden dense layer (followed by ReLU) and the output layer (→1) of a <see cref="ModelHead.FlattenDense"/> head.</summary>
    /// <exception cref="NotSupportedException">The model has another head, or does not expose its dense layers.</exception>
    public virtual (Linear Dense, Linear Output) DenseLayers =>
        throw new NotSupportedException($"No ONNX export for the dense head of {GetType().Name}: it exposes no dense layers.");

    /// <summary>Numerical epsilon of the per-image standardisation (matches ONNX InstanceNormalization).</summary>
    public const double StandardizeEpsilon = 1e-5;

    /// <summary>With <see cref="StandardizationIgnoresBlack"/>: pixels at or below this value (16 of 255, the border
    /// trim's dark level) are black and left out of the mean and variance. Halfway between 16/255 and 17/255, so the
    /// comparison is the same in float32 on every CPU.</summary>
    public const float StandardizeBlackLevel = 16.5f / 255f;

    /// <summary>Whether the standardisation's mean and variance are taken over the non-black pixels only
    /// (<see cref="Standardize(Tensor, bool)"/>), so that black added at the edges does not rescale the rest of the film by its own darkness.</summary>
    public virtual bool StandardizationIgnoresBlack => false;

    /// <summary>Runs the feature extractor. Returns <c>[N, C, h, w]</c>.</summary>
    public Tensor Features(Tensor input)
    {
        var x = StandardizesInput ? Standardize(input, StandardizationIgnoresBlack) : input;
        foreach (var layer in FeatureLayers)
        {
            // Convolutions go through ChannelAlignedConvolution: libtorch miscomputes some channel counts on AVX2 and AVX-512.
            x = layer is Conv2d conv ? ChannelAlignedConvolution.Forward(conv, x) : layer.call(x);
        }

        return x;
    }

    /// <summary>Per-image standardisation: <c>(x - mean) / sqrt(var + eps)</c> over H×W, biased variance.</summary>
    public static Tensor Standardize(Tensor input) => Standardize(input, ignoreBlack: false);

    /// <summary>Per-image standardisation of <c>[N, 1, H, W]</c>: every pixel becomes <c>(x - mean) / sqrt(var + eps)</c>.
    /// With <paramref name="ignoreBlack"/> the mean and (biased) variance are those of the pixels above
    /// <see cref="StandardizeBlackLevel"/> only: <c>mean = Σ m·x / Σ m</c>, <c>var = Σ m·(x − mean)² / Σ m</c> with
    /// <c>m = x &gt; level</c>, the share <c>Σ m / HW</c> floored at 1e-9 so an all-black image gives mean 0, variance 0.
    /// Why: with statistics over all pixels, a black frame over 29 % of the film lowers the mean and so brightens every
    /// other pixel after the division, also where no convolution sees the frame (docs/training.md).</summary>
    public static Tensor Standardize(Tensor input, bool ignoreBlack)
    {
        if (!ignoreBlack)
        {
            var mean = input.mean([2L, 3L], keepdim: true);
            var variance = (input - mean).square().mean([2L, 3L], keepdim: true);
            return (input - mean) / (variance + StandardizeEpsilon).sqrt();
        }

        using var level = tensor(StandardizeBlackLevel, input.dtype);
        var mask = input.gt(level).to_type(input.dtype);
        var share = mask.mean([2L, 3L], keepdim: true).clamp_min(1e-9);
        var maskedMean = (input * mask).mean([2L, 3L], keepdim: true) / share;
        var centered = input - maskedMean;
        var maskedVariance = (centered * mask).square().mean([2L, 3L], keepdim: true) / share;
        return centered / (maskedVariance + StandardizeEpsilon).sqrt();
    }

    /// <summary>The penultimate activations <c>[N, F]</c> the classifier reads (eval mode: what the ONNX
    /// <c>features</c> output returns); the input guard measures distances in this space.</summary>
    public abstract Tensor Embedding(Tensor input);

    /// <summary>Class-activation map <c>[N, h, w]</c> in logit units: the head's weights applied at each location, plus the
    /// bias, so that its spatial mean equals the logit. Only for <see cref="ModelHead.GlobalAveragePoolLinear"/>.</summary>
    public abstract Tensor ClassActivationMap(Tensor input);

    /// <summary>The last feature maps averaged over space, <c>[N, C]</c>: the embedding of a global-average-pool head.</summary>
    protected Tensor PooledFeatures(Tensor input)
    {
        using var scope = NewDisposeScope();
        return Features(input).mean([2L, 3L]).MoveToOuterDisposeScope();
    }

    /// <summary>The class-activation map <c>[N, h, w]</c> of a global-average-pool head: <paramref name="classifier"/>'s
    /// weights applied at each location of the last feature maps, plus its bias (its spatial mean is the logit).</summary>
    protected Tensor LinearClassActivationMap(Tensor input, Linear classifier)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        using var scope = NewDisposeScope();
        var maps = Features(input);
        var cam = (maps * classifier.weight!.reshape(1, -1, 1, 1)).sum(1) + classifier.bias!;
        return cam.MoveToOuterDisposeScope();
    }

    /// <summary>Puts the model in eval mode until the returned scope is disposed, then back in training mode if it was
    /// training: <c>using (model.EvaluationMode()) { ... }</c>.</summary>
    public EvaluationModeScope EvaluationMode() => new(this);

    /// <inheritdoc />
    public IDisposable EnterEvaluationMode() => EvaluationMode();

    /// <summary>Number of trainable parameters.</summary>
    public long ParameterCount() => parameters().Sum(p => p.numel());
}
