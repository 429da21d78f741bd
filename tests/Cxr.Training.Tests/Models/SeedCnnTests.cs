using Cxr.Training.Models;
using static TorchSharp.torch;

namespace Cxr.Training.Tests.Models;

public sealed class SeedCnnTests
{
    [Fact]
    public void Three_channel_variant_has_the_notebooks_parameter_count()
    {
        using var model = new SeedCnn(inputChannels: 3);
        Assert.Equal(3_453_121, model.ParameterCount());
    }

    [Fact]
    public void Grayscale_variant_has_576_fewer_parameters()
    {
        // The first conv loses two input channels: 2 × 3 × 3 × 32 = 576 weights.
        using var model = new SeedCnn();
        Assert.Equal(3_452_545, model.ParameterCount());
    }

    [Fact]
    public void Builds_the_notebooks_layer_shapes()
    {
        using var model = new SeedCnn();
        using var scope = NewDisposeScope();
        model.eval();
        var features = model.Features(zeros(2, 1, 150, 150));
        Assert.Equal(new long[] { 2, 128, 7, 7 }, features.shape);
        Assert.Equal(6272, model.Dense.in_features);
        Assert.Equal(512, model.Dense.out_features);
        Assert.Equal(new long[] { 2 }, model.call(zeros(2, 1, 150, 150)).shape);
    }
}
