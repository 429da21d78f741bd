using Cxr.Training.Models;
using static TorchSharp.torch;

namespace Cxr.Training.Tests.Models;

public sealed class CxrNetTests
{
    [Fact]
    public void Default_network_maps_224_pixels_to_a_7_by_7_heatmap()
    {
        using var model = new CxrNet();
        using var scope = NewDisposeScope();
        model.eval();
        var input = rand(2, 1, 224, 224);
        Assert.Equal(new long[] { 2 }, model.call(input).shape);
        Assert.Equal(new long[] { 2, 7, 7 }, model.ClassActivationMap(input).shape);
    }

    [Fact]
    public void Class_activation_map_averages_to_the_logit()
    {
        manual_seed(3);
        using var model = new CxrNet(new CxrNetOptions(InputSize: 96, StemWidth: 8, Widths: [8, 16, 16]));
        using var scope = NewDisposeScope();
        model.eval();
        var input = rand(3, 1, 96, 96);
        var logits = model.call(input);
        var cam = model.ClassActivationMap(input);
        var meanOfCam = cam.mean([1L, 2L]);
        Assert.True((logits - meanOfCam).abs().max().item<float>() < 1e-5f);
    }

    [Fact]
    public void Standardisation_makes_the_output_invariant_to_exposure()
    {
        manual_seed(4);
        using var model = new CxrNet(new CxrNetOptions(InputSize: 64, StemWidth: 8, Widths: [8, 16]));
        using var scope = NewDisposeScope();
        model.eval();
        var input = rand(2, 1, 64, 64) * 0.5;
        var brighter = (input * 1.5) + 0.1;
        Assert.True((model.call(input) - model.call(brighter)).abs().max().item<float>() < 1e-3f);
    }
}
