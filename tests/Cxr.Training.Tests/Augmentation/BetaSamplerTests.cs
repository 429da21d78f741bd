using Cxr.Training.Augmentation;

namespace Cxr.Training.Tests.Augmentation;

public sealed class BetaSamplerTests
{
    private const int Draws = 200_000;

    [Theory]
    [InlineData(0.2, 0.2)]
    [InlineData(1.0, 1.0)]
    [InlineData(2.0, 5.0)]
    [InlineData(0.5, 3.0)]
    public void Beta_draws_have_the_distributions_mean_and_variance(double a, double b)
    {
        var random = new Random(7);
        var values = Enumerable.Range(0, Draws).Select(_ => BetaSampler.Beta(random, a, b)).ToArray();
        Assert.All(values, v => Assert.InRange(v, 0, 1));
        var mean = values.Average();
        var variance = values.Select(v => (v - mean) * (v - mean)).Sum() / (Draws - 1);
        var expectedMean = a / (a + b);
        var expectedVariance = a * b / ((a + b) * (a + b) * (a + b + 1));
        // Standard errors at 200,000 draws are below 1e-3 for the mean and 5e-4 for the variance.
        Assert.True(Math.Abs(mean - expectedMean) < 4e-3, $"Beta({a}, {b}) mean {mean:F5}, expected {expectedMean:F5}");
        Assert.True(Math.Abs(variance - expectedVariance) < 2e-3, $"Beta({a}, {b}) variance {variance:F5}, expected {expectedVariance:F5}");
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(1.0)]
    [InlineData(4.0)]
    public void Gamma_draws_have_mean_and_variance_equal_to_the_shape(double shape)
    {
        var random = new Random(8);
        var values = Enumerable.Range(0, Draws).Select(_ => Math.Exp(BetaSampler.LogGamma(random, shape))).ToArray();
        var mean = values.Average();
        var variance = values.Select(v => (v - mean) * (v - mean)).Sum() / (Draws - 1);
        Assert.True(Math.Abs(mean - shape) < 0.02 * Math.Max(1, shape), $"Gamma({shape}) mean {mean:F4}");
        Assert.True(Math.Abs(variance - shape) < 0.05 * Math.Max(1, shape), $"Gamma({shape}) variance {variance:F4}");
    }

    [Fact]
    public void The_same_seed_gives_the_same_draws_and_another_seed_others()
    {
        double[] Draw(int seed)
        {
            var random = new Random(seed);
            return Enumerable.Range(0, 100).Select(_ => BetaSampler.Beta(random, 0.2, 0.2)).ToArray();
        }

        Assert.Equal(Draw(1), Draw(1));
        Assert.NotEqual(Draw(1), Draw(2));
    }

    [Fact]
    public void Tiny_shapes_still_give_values_in_zero_to_one()
    {
        // U^(1/a) underflows to 0 for a = 0.002; the sampler works in logs, so X / (X + Y) is never 0 / 0.
        var random = new Random(9);
        var values = Enumerable.Range(0, 10_000).Select(_ => BetaSampler.Beta(random, 0.002, 0.002)).ToArray();
        Assert.All(values, v => Assert.InRange(v, 0, 1));
        // Almost all the mass sits at the ends, on both sides.
        Assert.InRange(values.Count(v => v < 1e-6) / 10_000.0, 0.4, 0.6);
        Assert.InRange(values.Count(v => v > 1 - 1e-6) / 10_000.0, 0.4, 0.6);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_shape_that_is_not_positive_and_finite_is_refused(double shape)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => BetaSampler.Beta(new Random(1), shape, 1));
        Assert.Equal("shape", error.ParamName);
    }
}
