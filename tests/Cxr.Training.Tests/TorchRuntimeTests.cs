using TorchSharp;
using static TorchSharp.torch;

namespace Cxr.Training.Tests;

/// <summary>Proves the native libtorch runtime loads on this machine (the GLIBCXX_3.4.32 fix in scripts/setup.sh).</summary>
public sealed class TorchRuntimeTests
{
    [Fact]
    public void Convolution_runs_on_the_cpu_runtime()
    {
        using var scope = NewDisposeScope();
        var input = ones(1, 1, 5, 5);
        var kernel = ones(1, 1, 3, 3);
        var output = nn.functional.conv2d(input, kernel);

        Assert.Equal(new long[] { 1, 1, 3, 3 }, output.shape);
        Assert.Equal(9f, output[0, 0, 1, 1].item<float>());
    }
}
