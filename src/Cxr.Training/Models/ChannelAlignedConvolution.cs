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

    /// <summary>True when <paramref name="conv"/>'s forward must run with its input channels padded (see
    /// <see cref="NeedsAlignment"/>).</summary>
    public static bool Applies(Conv2d conv)
    {
        ArgumentNullException.ThrowIfNull(conv);
        return IsSpatial(conv) && NeedsAlignment(conv.in_channels);
    }

    /// <summary>True when the gradient with respect to <paramref name="conv"/>'s input would be miscomputed on some CPU:
    /// a spatial kernel whose output-channel count is not a multiple of <see cref="Alignment"/>. oneDNN's float32
    /// backward-data kernel reads the output gradient in blocks of 16 (AVX-512) or 8 (AVX2) channels and returns wrong
    /// values for a partial block — 30–100 % relative error, NaN or ∞ when the memory it reads holds them.</summary>
    public static bool BackwardNeedsAlignment(Conv2d conv)
    {
        ArgumentNullException.ThrowIfNull(conv);
        return IsSpatial(conv) && conv.out_channels % Alignment != 0;
    }

    /// <summary>The convolution of <paramref name="input"/> <c>[N, C, H, W]</c> by <paramref name="conv"/>, computed with
    /// C padded by zeros to the next multiple of <see cref="Alignment"/> when <see cref="Applies"/>, and — when a
    /// gradient will flow back to <paramref name="input"/> and <see cref="BackwardNeedsAlignment"/> — with the output
    /// channels padded the same way (zero filters, sliced off again), so that the backward pass computes the input
    /// gradient with a whole number of blocks; otherwise the module's own forward. Output <c>[N, out, H', W']</c> as the
    /// module's.</summary>
    /// <exception cref="NotSupportedException">An affected convolution uses a padding the explicit form cannot express
    /// (non-zero padding mode, or 'same'/'valid' padding types).</exception>
    public static Tensor Forward(Conv2d conv, Tensor input)
    {
        ArgumentNullException.ThrowIfNull(conv);
        ArgumentNullException.ThrowIfNull(input);
        var alignInput = Applies(conv);
        // Only when the input gradient is computed: the stem (whose input is the image) and inference pay nothing.
        var alignOutput = BackwardNeedsAlignment(conv) && input.requires_grad && is_grad_enabled();
        if (!alignInput && !alignOutput)
        {
            return conv.call(input);
        }

        if (conv.padding_mode != PaddingModes.Zeros || conv.padding_type is not null)
        {
            throw new NotSupportedException(
                $"A convolution with {conv.in_channels} input and {conv.out_channels} output channels needs channel alignment (libtorch miscomputes such counts on AVX2/AVX-512 CPUs), which supports explicit zero padding only.");
        }

        using var scope = NewDisposeScope();
        var extraIn = alignInput ? Alignment - (conv.in_channels % Alignment) : 0;
        var extraOut = alignOutput ? Alignment - (conv.out_channels % Alignment) : 0;
        // pad's list runs from the last dimension backwards: (W, W, H, H, C, C, O, O).
        var paddedInput = extraIn > 0 ? nn.functional.pad(input, [0, 0, 0, 0, 0, extraIn]) : input;
        var paddedWeight = nn.functional.pad(conv.weight!, [0, 0, 0, 0, 0, extraIn, 0, extraOut]);
        var paddedBias = conv.bias is null || extraOut == 0 ? conv.bias : nn.functional.pad(conv.bias, [0, extraOut]);
        var output = nn.functional.conv2d(
            paddedInput, paddedWeight, paddedBias, SizePair.Of(conv.stride, 1), SizePair.Of(conv.padding, 0), SizePair.Of(conv.dilation, 1), conv.groups);
        if (extraOut > 0)
        {
            output = output.narrow(1, 0, conv.out_channels);
        }

        return output.MoveToOuterDisposeScope();
    }

    private static bool IsSpatial(Conv2d conv)
    {
        var kernel = conv.weight!.shape;
        return conv.groups == 1 && (kernel[2] > 1 || kernel[3] > 1);
    }
}
