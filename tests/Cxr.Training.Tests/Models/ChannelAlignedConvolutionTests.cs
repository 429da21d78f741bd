using Cxr.Training.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Cxr.Training.Tests.Models;

/// <summary>Every convolution the models run agrees with a float64 reference, on AVX2 and AVX-512 CPUs alike. Without
/// <see cref="ChannelAlignedConvolution"/> the 17–31 and 33–47 input-channel rows fail with 10–40 % relative error on an
/// AVX-512 machine, and the 9–15, 17–23, … rows with oneDNN's AVX2 kernels (libtorch's oneDNN; docs/training.md).
/// <c>ONEDNN_MAX_CPU_ISA=AVX2</c> runs the AVX2 kernels on an AVX-512 machine.</summary>
public sealed class ChannelAlignedConvolutionTests
{
    private const double Tolerance = 1e-5;

    public static TheoryData<int, int> Shapes()
    {
        var data = new TheoryData<int, int>();
        foreach (var channels in new[] { 1, 7, 8, 9, 12, 15, 16, 17, 20, 24, 31, 32, 33, 40, 47, 48 })
        {
            data.Add(channels, 1);
            data.Add(channels, 2);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Forward_matches_a_float64_reference(int inputChannels, int stride)
    {
        manual_seed(inputChannels);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var conv = nn.Conv2d(inputChannels, 16, 3, stride: stride, padding: 1, bias: true);
        var input = rand(4, inputChannels, 24, 24);

        var output = ChannelAlignedConvolution.Forward(conv, input);
        var reference = nn.functional.conv2d(
            input.to(ScalarType.Float64), conv.weight!.to(ScalarType.Float64), conv.bias!.to(ScalarType.Float64),
            strides: [stride, stride], padding: [1, 1]);

        Assert.Equal(reference.shape, output.shape);
        Assert.InRange(RelativeError(output, reference), 0, Tolerance);
    }

    [Fact]
    public void Gradients_reach_the_unpadded_weights_unchanged()
    {
        manual_seed(5);
        using var scope = NewDisposeScope();
        using var conv = nn.Conv2d(24, 16, 3, padding: 1, bias: false);
        var input = rand(2, 24, 12, 12);
        var upstream = randn(2, 16, 12, 12);
        ChannelAlignedConvolution.Forward(conv, input).backward([upstream]);

        var weight64 = conv.weight!.detach().to(ScalarType.Float64).requires_grad_();
        nn.functional.conv2d(input.to(ScalarType.Float64), weight64, padding: [1, 1]).backward([upstream.to(ScalarType.Float64)]);

        Assert.Equal(conv.weight!.shape, conv.weight!.grad!.shape);
        Assert.InRange(RelativeError(conv.weight!.grad!, weight64.grad!), 0, Tolerance);
    }

    /// <summary>The input gradient (backward-data), which every convolution after the stem needs. Without the output
    /// padding of <see cref="ChannelAlignedConvolution"/> every row whose output-channel count is not a multiple of 16
    /// fails on an AVX-512 machine (30–100 % relative error; NaN or ∞ when the memory the kernel reads held them,
    /// which the NaN-filled buffers freed just before make certain), and those not a multiple of 8 with AVX2 kernels.
    /// Repeated, because the wrong values depend on what the freed memory held.</summary>
    [Theory]
    [InlineData(1, 8)]
    [InlineData(8, 8)]
    [InlineData(8, 12)]
    [InlineData(8, 16)]
    [InlineData(16, 4)]
    [InlineData(16, 16)]
    [InlineData(16, 24)]
    [InlineData(24, 20)]
    [InlineData(32, 32)]
    public void Backward_matches_a_float64_reference_for_every_output_channel_count(int inputChannels, int outputChannels)
    {
        manual_seed(inputChannels * 100 + outputChannels);
        using var scope = NewDisposeScope();
        using var conv = nn.Conv2d(inputChannels, outputChannels, 3, padding: 1, bias: true);
        var input = randn(4, inputChannels, 12, 12);
        var upstream = randn(4, outputChannels, 12, 12);
        var input64 = input.to(ScalarType.Float64).requires_grad_();
        var weight64 = conv.weight!.detach().to(ScalarType.Float64).requires_grad_();
        var bias64 = conv.bias!.detach().to(ScalarType.Float64).requires_grad_();
        nn.functional.conv2d(input64, weight64, bias64, padding: [1, 1]).backward([upstream.to(ScalarType.Float64)]);

        for (var repeat = 0; repeat < 3; repeat++)
        {
            using var step = NewDisposeScope();
            conv.zero_grad();
            var x = input.detach().clone().requires_grad_();
            var output = ChannelAlignedConvolution.Forward(conv, x);
            PoisonFreedMemory(4 * 32 * 12 * 12);
            output.backward([upstream]);

            Assert.Equal(upstream.shape, output.shape);
            Assert.InRange(RelativeError(x.grad!, input64.grad!), 0, Tolerance);
            Assert.InRange(RelativeError(conv.weight!.grad!, weight64.grad!), 0, Tolerance);
            Assert.InRange(RelativeError(conv.bias!.grad!, bias64.grad!), 0, Tolerance);
        }
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(8, false)]
    [InlineData(9, true)]
    [InlineData(12, true)]
    [InlineData(16, false)]
    [InlineData(17, true)]
    [InlineData(24, true)]
    [InlineData(32, false)]
    [InlineData(40, true)]
    [InlineData(256, false)]
    public void Counts_above_the_smallest_block_and_off_the_16_grid_are_aligned(int channels, bool aligned) =>
        Assert.Equal(aligned, ChannelAlignedConvolution.NeedsAlignment(channels));

    [Fact]
    public void A_network_with_widths_8_16_24_and_two_convolutions_per_block_matches_float64()
    {
        // The cxrnet-small export test model, whose ONNX parity failed on AVX-512 until the convolutions were aligned.
        manual_seed(1);
        using var model = new CxrNet(new CxrNetOptions(InputSize: 96, StemWidth: 8, Widths: [8, 16, 24], ConvsPerBlock: 2, Standardize: false));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        model.eval();
        var input = rand(4, 1, 96, 96);
        var features = model.Embedding(input);
        model.to(ScalarType.Float64);
        var reference = model.Embedding(input.to(ScalarType.Float64));
        model.to(ScalarType.Float32);

        Assert.InRange(RelativeError(features, reference), 0, Tolerance);
    }

    [Fact]
    public void Unaffected_convolutions_use_the_module_itself()
    {
        using var conv = nn.Conv2d(32, 8, 3, padding: 1);
        using var narrow = nn.Conv2d(8, 8, 3, padding: 1);
        using var pointwise = nn.Conv2d(24, 8, 1);
        Assert.False(ChannelAlignedConvolution.Applies(conv));
        Assert.False(ChannelAlignedConvolution.Applies(narrow));
        Assert.False(ChannelAlignedConvolution.Applies(pointwise));
    }

    [Fact]
    public void Output_channels_are_padded_only_when_an_input_gradient_is_computed()
    {
        using var scope = NewDisposeScope();
        using var conv = nn.Conv2d(8, 8, 3, padding: 1, bias: false);
        Assert.True(ChannelAlignedConvolution.BackwardNeedsAlignment(conv));
        Assert.False(ChannelAlignedConvolution.BackwardNeedsAlignment(nn.Conv2d(8, 16, 3, padding: 1)));
        Assert.False(ChannelAlignedConvolution.BackwardNeedsAlignment(nn.Conv2d(8, 8, 1)));

        // An image input (no gradient) and inference take the module's own forward: same values, bit for bit.
        var image = rand(2, 8, 10, 10);
        Assert.True(conv.call(image).eq(ChannelAlignedConvolution.Forward(conv, image)).all().item<bool>());
        var activation = rand(2, 8, 10, 10).requires_grad_();
        using (no_grad())
        {
            Assert.True(conv.call(activation).eq(ChannelAlignedConvolution.Forward(conv, activation)).all().item<bool>());
        }
    }

    /// <summary>Allocates and frees NaN-filled buffers of about <paramref name="floats"/> floats, so that memory a kernel
    /// allocates next and reads without writing holds NaN rather than (usually) zeros.</summary>
    private static void PoisonFreedMemory(long floats)
    {
        for (var i = 0; i < 4; i++)
        {
            using var large = full([floats], float.NaN);
            using var small = full([floats / 4], float.NaN);
        }
    }

    /// <summary>max |a − b| / max |b|, NaN-safe (NaN anywhere gives +∞).</summary>
    private static double RelativeError(Tensor value, Tensor reference)
    {
        var error = (value.to(ScalarType.Float64) - reference).abs().max().item<double>() / reference.abs().max().item<double>();
        return double.IsNaN(error) ? double.PositiveInfinity : error;
    }
}
