using Cxr.Training.Augmentation;
using static TorchSharp.torch;

namespace Cxr.Training.Tests.Augmentation;

public sealed class PhotometricTests
{
    private static readonly BatchAugmenter Augmenter = new(AugmentationOptions.None with
    {
        GammaMax = 2,
        BlurProbability = 0.3,
        SharpenProbability = 0.3,
        NoiseSigmaMax = 0.1,
    });

    private static PhotometricDraw Off => PhotometricDraw.Identity;

    [Fact]
    public void Gamma_maps_mid_gray_to_its_power()
    {
        using var scope = NewDisposeScope();
        var output = Augmenter.Apply(full(3, 1, 8, 8, 0.5f), Draws.Photometric(0, Off with { Gamma = 2 }, Off with { Gamma = 0.5 }, Off));
        Assert.Equal(0.25f, output[0].max().item<float>(), 6);
        Assert.Equal(0.25f, output[0].min().item<float>(), 6);
        Assert.Equal(Math.Sqrt(0.5), output[1].mean().item<float>(), 6);
        Assert.Equal(0.5f, output[2].mean().item<float>(), 6);
    }

    [Fact]
    public void Blur_reduces_the_variance_of_noise_and_sharpening_raises_it()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(4);
        var noisy = (0.5 + (0.1 * randn([1, 1, 64, 64], generator: generator))).clamp(0, 1);
        var batch = cat([noisy, noisy, noisy], 0);
        var output = Augmenter.Apply(batch, Draws.Photometric(0,
            Off with { BlurSigma = 1.5, BlurMix = 1 }, Off with { BlurSigma = 1, BlurMix = -1 }, Off with { BlurSigma = 1.5 }));
        var before = noisy.var().item<float>();
        // White noise blurred by a 2-D Gaussian of σ keeps about 1/(4πσ²) of its variance: 3.5 % at σ = 1.5.
        Assert.InRange(output[0].var().item<float>() / before, 0.01, 0.08);
        Assert.True(output[1].var().item<float>() > 1.5 * before);
        Assert.True(output[2].equal(noisy[0]).all().item<bool>(), "an image drawn without blur changed");
    }

    [Theory]
    [InlineData(12, 12, 1.0)]
    [InlineData(45, 70, 1.5)]
    public void Blur_matches_a_float64_gaussian_with_replicated_edges(int height, int width, double sigma)
    {
        using var scope = NewDisposeScope();
        var radius = BlurStage.Radius(sigma);
        var image = rand(1, 1, height, width);
        var output = BlurStage.Blur(image, [sigma], radius).contiguous().data<float>().ToArray();
        var pixels = image.data<float>().ToArray();
        var weights = Enumerable.Range(-radius, (2 * radius) + 1).Select(d => Math.Exp(-d * d / (2 * sigma * sigma))).ToArray();
        var total = weights.Sum();
        var worst = 0.0;
        for (var r = 0; r < height; r++)
        {
            for (var c = 0; c < width; c++)
            {
                var sum = 0.0;
                for (var dr = -radius; dr <= radius; dr++)
                {
                    for (var dc = -radius; dc <= radius; dc++)
                    {
                        sum += weights[dr + radius] * weights[dc + radius] * pixels[(Math.Clamp(r + dr, 0, height - 1) * width) + Math.Clamp(c + dc, 0, width - 1)];
                    }
                }

                worst = Math.Max(worst, Math.Abs((sum / (total * total)) - output[(r * width) + c]));
            }
        }

        Assert.True(worst < 1e-6, $"max |Δ| = {worst}");
    }

    [Fact]
    public void Noise_has_the_drawn_sigma_and_is_a_function_of_the_seed()
    {
        using var scope = NewDisposeScope();
        var gray = full(2, 1, 128, 128, 0.5f);
        var draw = Draws.Photometric(77, Off with { NoiseSigma = 0.05 }, Off);
        var output = Augmenter.Apply(gray, draw);
        Assert.Equal(0.05, output[0].std().item<float>(), 0.0025);
        Assert.Equal(0.5, output[0].mean().item<float>(), 0.002);
        Assert.True(output[1].equal(gray[1]).all().item<bool>(), "an image drawn without noise changed");
        Assert.True(Augmenter.Apply(gray, draw).equal(output).all().item<bool>());
        Assert.False(Augmenter.Apply(gray, draw with { NoiseSeed = 78 }).equal(output).all().item<bool>());
    }
}
