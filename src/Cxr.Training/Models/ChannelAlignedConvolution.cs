using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Cxr.Training.Models;

/// <summary>
/// Runs a <see cref="Conv2d"/> forward with its input channels zero-padded to a multiple of <see cref="Alignment"/> when
/// libtorch's float32 kernels would otherwise compute it wrongly on some CPUs (AVX-512 or AVX2). The result is mathematically the same
/// convolution (the added input channels are zero and meet zero weights), the module's own weights keep their shape, and
/// gradients reach them unchanged.
/// </summary>
/// <remarks>
/// <para>Why: libtorch 2.10's oneDNN float32 forward convolution returns wrong values — 10–40 % relative error, sometimes
/// NaN from uninitialised memory — for a 3×3 convolution whose input-channel count is above one SIMD block and not a
/// multiple of it: on AVX-512 (Zen 5; 16-float blocks) for 17–31, 33–47, …; with AVX2 kernels (Zen 3, or Zen 5 with
/// <c>ONEDNN_MAX_CPU_ISA=AVX2</c>; 8-float blocks) for 9–15, 17–23, …; SSE4.1 kernels are right everywhere (every count
/// 1–72 measured against float64). 1×1 kernels and the backward pass are correct. A count that is ≤ 8 or a multiple of
/// 16 is right on both, so affected convolutions compute with their channels padded to a multiple of 16: a convolution
/// with 24 input channels computes as one with 32. Capping oneDNN at SSE4.1 or AVX2 for the whole process would make
/// every layer slower (AVX2 alone: the default model trains 1.5× slower on AVX-512), so only the affected shapes pay.
/// See docs/training.md.</para>
/// <para>Applied on every CPU, so a model trains the same function on AVX2 and AVX-512 machines.</para>
/// </remarks>
public static class ChannelAlignedConvolution
{
    /// <summary>Channel counts are padded to a multiple of this: oneDNN's AVX-512 float32 block (16 floats per 512-bit
    /// register), itself a multiple of the AVX2 block.</summary>
    public const int Alignment = 16;

    /// <summary>The smallest SIMD block (AVX2: 8 floats); counts up to it are computed correctly on every CPU.</summary>
    public const int SmallestBlock = 8;

    /// <summary>True when <paramref name="inputChannels"/> is miscomputed on some CPU: above the smallest block and not a
    /// multiple of <see cref="Alignment"/>.</summary>
    public static bool NeedsAlignment(long inputChannels) => inputChannels > SmallestBlock && inputChannels % Alignment != 0;

    /// <summary>True when <paramref name="conv"/> must run through <see cref="Forward"/>.</summary>
    public static bool Applies(Conv2d conv)
    {
        ArgumentNullException.ThrowIfNull(conv);
        var kernel = conv.weight!.shape;
        return conv.groups == 1 && (kernel[2] > 1 || kernel[3] > 1) && NeedsAlignment(conv.in_channels);
    }

    /// <summary>The convolution of <paramref name="input"/> <c>[N, C, H, W]</c> by <paramref name="conv"/>, computed with
    /// C padded by zeros to the next multiple of <see cref="Alignment"/> when <see cref="Applies"/>; otherwise the
    /// module's own forward. Output <c>[N, out, H', W']</c> as the module's.</summary>
    /// <exception cref="NotSupportedException">An affected convolution uses a padding the explicit form cannot express
    /// (non-zero padding mode, or 'same'/'valid' padding types).</exception>
    public static Tensor Forward(Conv2d conv, Tensor input)
    {
        ArgumentNullException.ThrowIfNull(conv);
        ArgumentNullException.ThrowIfNull(input);
        if (!Applies(conv))
        {
            return conv.call(input);
        }

        if (conv.padding_mode != PaddingModes.Zeros || conv.padding_type is not null)
        {
            throw new NotSupportedException(
                $"A convolution with {conv.in_channels} input channels needs channel alignment (libtorch miscomputes that count on AVX2/AVX-512 CPUs), which supports explicit zero padding only.");
        }

        using var scope = NewDisposeScope();
        var extra = Alignment - (conv.in_channels % Alignment);
        // pad's list runs from the last dimension backwards: (W, W, H, H, C, C).
        var paddedInput = nn.functional.pad(input, [0, 0, 0, 0, 0, extra]);
        var paddedWeight = nn.functional.pad(conv.weight!, [0, 0, 0, 0, 0, extra]);
        var output = nn.functional.conv2d(
            paddedInput, paddedWeight, conv.bias, SizePair.Of(conv.stride, 1), SizePair.Of(conv.padding, 0), SizePair.Of(conv.dilation, 1), conv.groups);
        return output.MoveToOuterDisposeScope();
    }
}
