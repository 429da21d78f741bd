using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Cxr.Training.Models;

/// <summary>
/// Runs a <see cref="Conv2d"/> forward with its input channels zero-padded to a multiple of <see cref="Alignment"/> when
/// libtorch's float32 kernels would otherwise compute it wrongly on AVX-512 CPUs. The result is mathematically the same
/// convolution (the added input channels are zero and meet zero weights), the module's own weights keep their shape, and
/// gradients reach them unchanged.
/// </summary>
/// <remarks>
/// <para>Why: on AMD Zen 5 (AVX-512) libtorch 2.10's oneDNN forward convolution returns wrong values — 10–40 % relative
/// error, sometimes NaN from uninitialised memory — whenever a 3×3 convolution has more than 16 input channels and their
/// count is not a multiple of 16 (measured for every count 1–72: 17–31, 33–47, … fail; ≤ 16 and multiples of 16 are exact
/// to 1e-6 against float64). 1×1 kernels, the backward pass, and every count on AVX2 (Zen 3) are correct.
/// <c>ONEDNN_MAX_CPU_ISA=AVX2</c> also avoids it but makes the default model train 1.5× slower on AVX-512, so only the
/// affected shapes pay: a convolution with 24 input channels computes as one with 32. See docs/training.md.</para>
/// <para>Applied on every CPU, so a model trains the same function on AVX2 and AVX-512 machines.</para>
/// </remarks>
public static class ChannelAlignedConvolution
{
    /// <summary>The channel block of oneDNN's AVX-512 float32 kernels (16 floats per 512-bit register).</summary>
    public const int Alignment = 16;

    /// <summary>True when <paramref name="inputChannels"/> falls in the miscomputed range: above one block and not a
    /// whole number of blocks.</summary>
    public static bool NeedsAlignment(long inputChannels) => inputChannels > Alignment && inputChannels % Alignment != 0;

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
                $"A convolution with {conv.in_channels} input channels needs channel alignment on AVX-512 CPUs, which supports explicit zero padding only.");
        }

        using var scope = NewDisposeScope();
        var extra = Alignment - (conv.in_channels % Alignment);
        // pad's list runs from the last dimension backwards: (W, W, H, H, C, C).
        var paddedInput = nn.functional.pad(input, [0, 0, 0, 0, 0, extra]);
        var paddedWeight = nn.functional.pad(conv.weight!, [0, 0, 0, 0, 0, extra]);
        var output = nn.functional.conv2d(
            paddedInput, paddedWeight, conv.bias, Pair(conv.stride, 1), Pair(conv.padding, 0), Pair(conv.dilation, 1), conv.groups);
        return output.MoveToOuterDisposeScope();
    }

    private static long[] Pair(long[]? values, long fallback) => values switch
    {
        null or [] => [fallback, fallback],
        [var v] => [v, v],
        _ => [values[0], values[1]],
    };
}
