using Cxr.Training.Models;
using TorchSharp;
using TorchSharp.Modules;

namespace Cxr.Training.Export;

/// <summary>
/// A 2-D convolution with an optional following batch norm folded into its weights, in ONNX Conv terms. Folding uses the
/// batch norm's running statistics (eval-mode semantics): per output channel c, with s = γ_c / sqrt(var_c + ε),
/// w'_c = w_c · s and b'_c = (b_c − mean_c) · s + β_c (b_c = 0 when the convolution has no bias).
/// </summary>
/// <param name="Weight">Folded weights, row-major <c>[out, in/groups, kh, kw]</c>.</param>
/// <param name="WeightShape">Shape of <paramref name="Weight"/>.</param>
/// <param name="Bias">Folded bias <c>[out]</c>.</param>
/// <param name="Strides">Stride (height, width).</param>
/// <param name="Pads">ONNX pads: top, left, bottom, right.</param>
/// <param name="Dilations">Dilation (height, width).</param>
/// <param name="Groups">Convolution groups.</param>
internal sealed record FoldedConvolution(
    float[] Weight,
    long[] WeightShape,
    float[] Bias,
    long[] Strides,
    long[] Pads,
    long[] Dilations,
    long Groups)
{
    /// <summary>Output channels.</summary>
    public long OutChannels => WeightShape[0];

    /// <summary>Kernel size (height, width).</summary>
    public long[] KernelShape => [WeightShape[2], WeightShape[3]];

    /// <summary>Folds <paramref name="batchNorm"/> (when given) into <paramref name="conv"/>.</summary>
    /// <param name="conv">The convolution; zero padding only.</param>
    /// <param name="batchNorm">The batch norm directly after it, or null.</param>
    /// <param name="name">Layer name used in error messages.</param>
    /// <exception cref="NotSupportedException">The layers use a feature ONNX Conv cannot express here
    /// (non-zero padding modes, batch norm without running statistics or with a channel mismatch).</exception>
    public static FoldedConvolution Fold(Conv2d conv, BatchNorm2d? batchNorm, string name)
    {
        if (conv.padding_mode != PaddingModes.Zeros)
        {
            throw new NotSupportedException($"Conv2d '{name}' uses padding mode {conv.padding_mode}; the ONNX export supports zero padding only.");
        }

        var weightShape = conv.weight!.shape.ToArray();
        if (weightShape.Length != 4)
        {
            throw new NotSupportedException($"Conv2d '{name}' has a weight of rank {weightShape.Length}; expected [out, in, kh, kw].");
        }

        var kernel = new[] { weightShape[2], weightShape[3] };
        var dilations = SizePair.Of(conv.dilation, 1);
        var pads = ConvolutionPads(conv, kernel, dilations, name);
        var weight = TensorValues.ToFloats(conv.weight);
        var outChannels = (int)weightShape[0];
        var bias = conv.bias is null ? new float[outChannels] : TensorValues.ToFloats(conv.bias);

        if (batchNorm is not null)
        {
            FoldBatchNorm(batchNorm, weight, bias, name);
        }

        return new FoldedConvolution(weight, weightShape, bias, SizePair.Of(conv.stride, 1), pads, dilations, conv.groups);
    }

    /// <summary>Output side along one axis (PyTorch/ONNX convolution arithmetic).</summary>
    public long OutputSide(long input, int axis) =>
        ((input + Pads[axis] + Pads[axis + 2] - (Dilations[axis] * (KernelShape[axis] - 1)) - 1) / Strides[axis]) + 1;

    private static void FoldBatchNorm(BatchNorm2d batchNorm, float[] weight, float[] bias, string name)
    {
        var channels = bias.Length;
        if (batchNorm.num_features != channels)
        {
            throw new NotSupportedException($"BatchNorm2d after Conv2d '{name}' has {batchNorm.num_features} features but the convolution has {channels} output channels.");
        }

        if (batchNorm.running_mean is null || batchNorm.running_var is null)
        {
            throw new NotSupportedException($"BatchNorm2d after Conv2d '{name}' tracks no running statistics, so it cannot be folded for inference.");
        }

        var mean = TensorValues.ToFloats(batchNorm.running_mean);
        var variance = TensorValues.ToFloats(batchNorm.running_var);
        var gamma = batchNorm.weight is null ? null : TensorValues.ToFloats(batchNorm.weight);
        var beta = batchNorm.bias is null ? null : TensorValues.ToFloats(batchNorm.bias);
        var perChannel = weight.Length / channels;
        for (var c = 0; c < channels; c++)
        {
            // Double precision so the fold itself adds no error beyond the final float rounding.
            var scale = (gamma?[c] ?? 1.0) / Math.Sqrt(variance[c] + batchNorm.eps);
            for (var k = c * perChannel; k < (c + 1) * perChannel; k++)
            {
                weight[k] = (float)(weight[k] * scale);
            }

            bias[c] = (float)(((bias[c] - (double)mean[c]) * scale) + (beta?[c] ?? 0.0));
        }
    }

    private static long[] ConvolutionPads(Conv2d conv, long[] kernel, long[] dilations, string name)
    {
        switch (conv.padding_type)
        {
            case null:
                var p = SizePair.Of(conv.padding, 0);
                return [p[0], p[1], p[0], p[1]];
            case Padding.Valid:
                return [0, 0, 0, 0];
            case Padding.Same:
                // PyTorch's 'same': total = d·(k−1), the smaller half before, the rest after.
                var totalH = dilations[0] * (kernel[0] - 1);
                var totalW = dilations[1] * (kernel[1] - 1);
                return [totalH / 2, totalW / 2, totalH - (totalH / 2), totalW - (totalW / 2)];
            default:
                throw new NotSupportedException($"Conv2d '{name}' uses padding type {conv.padding_type}, which the ONNX export does not know.");
        }
    }
}
