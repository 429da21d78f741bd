using Cxr.Core.Evaluation;

namespace Cxr.Core.Tests.Evaluation;

public class TemperatureScalingTests
{
    [Fact]
    public void Fit_recovers_a_known_temperature_from_synthetic_logits()
    {
        // Labels ~ Bernoulli(sigmoid(z / 2.5)): the logits are 2.5 times too sharp.
        var (labels, logits) = SyntheticScores.TemperedLogits(20_000, trueTemperature: 2.5, seed: 2024);

        Assert.Equal(2.5, TemperatureScaling.Fit(labels, logits), 0.2);
    }

    [Fact]
    public void Fit_returns_about_one_on_calibrated_logits()
    {
        var (labels, logits) = SyntheticScores.TemperedLogits(20_000, trueTemperature: 1.0, seed: 99);

        Assert.Equal(1.0, TemperatureScaling.Fit(labels, logits), 0.1);
    }

    [Fact]
    public void Fit_is_a_minimum_of_the_negative_log_likelihood()
    {
        var (labels, logits) = SyntheticScores.TemperedLogits(2_000, trueTemperature: 0.6, seed: 4);
        var t = TemperatureScaling.Fit(labels, logits);
        var best = TemperatureScaling.NegativeLogLikelihood(labels, logits, t);

        Assert.True(best <= TemperatureScaling.NegativeLogLikelihood(labels, logits, t * 1.01));
        Assert.True(best <= TemperatureScaling.NegativeLogLikelihood(labels, logits, t / 1.01));
        Assert.True(best < TemperatureScaling.NegativeLogLikelihood(labels, logits, 1.0));
    }

    [Fact]
    public void Separable_logits_push_the_temperature_to_the_lower_bound()
    {
        // NLL of [-1 → 0, +1 → 1] is 2·softplus(−1/T)/2, decreasing as T → 0.
        Assert.Equal(TemperatureScaling.MinTemperature, TemperatureScaling.Fit([0, 1], [-1.0, 1.0]), 1e-6);
    }

    [Fact]
    public void NegativeLogLikelihood_matches_hand_computation()
    {
        // y = 1, z = 0 → −log 0.5 = ln 2; y = 0, z = ln 3 at T = 1 → p = 3/4, −log(1/4) = ln 4.  Mean = (ln 2 + ln 4) / 2.
        var nll = TemperatureScaling.NegativeLogLikelihood([1, 0], [0.0, Math.Log(3)]);
        Assert.Equal((Math.Log(2) + Math.Log(4)) / 2, nll, 1e-12);
    }

    [Fact]
    public void Apply_is_a_stable_sigmoid_of_logit_over_temperature()
    {
        Assert.Equal(0.5, TemperatureScaling.Apply(0.0, 3.0));
        Assert.Equal(1.0 / (1.0 + Math.Exp(-1.0)), TemperatureScaling.Apply(2.0, 2.0), 1e-15);  // sigmoid(1)
        Assert.Equal(1.0 / (1.0 + Math.Exp(2.0)), TemperatureScaling.Apply(-1.0, 0.5), 1e-15);  // sigmoid(−2)
        Assert.Equal(1.0, TemperatureScaling.Apply(1000.0, 1.0));
        Assert.Equal(0.0, TemperatureScaling.Apply(-1000.0, 1.0));
        Assert.Equal(1.0, TemperatureScaling.Apply(double.PositiveInfinity, 1.0));
        Assert.Equal(0.0, TemperatureScaling.Apply(double.NegativeInfinity, 1.0));
        Assert.True(TemperatureScaling.Apply(-700.0, 1.0) > 0.0); // no underflow to 0 where a double can still hold it
    }

    [Fact]
    public void Rejects_bad_arguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TemperatureScaling.Apply(1.0, 0.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => TemperatureScaling.Apply(1.0, -2.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => TemperatureScaling.Apply(1.0, double.NaN));
        Assert.Throws<ArgumentException>(() => TemperatureScaling.Apply(double.NaN, 1.0));
        Assert.Throws<ArgumentException>(() => TemperatureScaling.Fit([], []));
        Assert.Throws<ArgumentException>(() => TemperatureScaling.Fit([0, 1], [0.5]));
        var ex = Assert.Throws<ArgumentException>(() => TemperatureScaling.Fit([0, 1], [0.5, double.PositiveInfinity]));
        Assert.Contains("logits[1]", ex.Message, StringComparison.Ordinal);
    }
}
