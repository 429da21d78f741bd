using Cxr.Training.Models;

namespace Cxr.Training.Tests.Models;

/// <summary>What <see cref="CxrModel"/> exposes of each head for the ONNX exporter.</summary>
public sealed class HeadLayersTests
{
    [Fact]
    public void A_global_average_pool_head_exposes_its_classifier_only()
    {
        using var net = new CxrNet(new CxrNetOptions(InputSize: 32, StemWidth: 4, Widths: [8], ConvsPerBlock: 1));
        Assert.Equal(8, net.Classifier.in_features);
        Assert.Equal(1, net.Classifier.out_features);
        Assert.Throws<NotSupportedException>(() => net.DenseLayers);
    }

    [Fact]
    public void A_flatten_dense_head_exposes_its_dense_layers_only()
    {
        using var seed = new SeedCnn();
        var (dense, output) = seed.DenseLayers;
        Assert.Same(seed.Dense, dense);
        Assert.Same(seed.Output, output);
        Assert.Throws<NotSupportedException>(() => seed.Classifier);
    }
}
