using Cxr.Core.Evaluation;

namespace Cxr.Core.Tests.Evaluation;

public class ThresholdPolicyTests
{
    [Theory]
    [InlineData("youden")]
    [InlineData(" YOUDEN ")]
    [InlineData("Youden")]
    public void Parses_youden_case_insensitively(string text)
    {
        var policy = ThresholdPolicy.Parse(text);

        Assert.Equal(ThresholdPolicy.Youden, policy);
        Assert.Equal("youden", policy.Kind);
        Assert.Null(policy.TargetSensitivity);
        Assert.Equal("youden", policy.ToString());
    }

    [Theory]
    [InlineData("sensitivity:0.95", 0.95, "sensitivity:0.95")]
    [InlineData("Sensitivity : 0.9", 0.9, "sensitivity:0.9")]
    [InlineData("sensitivity:1", 1.0, "sensitivity:1")]
    [InlineData("sensitivity:9.5e-1", 0.95, "sensitivity:0.95")]
    public void Parses_a_sensitivity_target_and_writes_it_back(string text, double target, string canonical)
    {
        var policy = ThresholdPolicy.Parse(text);

        Assert.Equal("sensitivity", policy.Kind);
        Assert.Equal(target, policy.TargetSensitivity);
        Assert.Equal(canonical, policy.ToString());
        Assert.Equal(policy, ThresholdPolicy.Parse(policy.ToString()));
    }

    [Fact]
    public void ToString_round_trips_targets_that_are_not_short_decimals()
    {
        var policy = ThresholdPolicy.ForSensitivity(2.0 / 3.0);
        Assert.Equal(policy, ThresholdPolicy.Parse(policy.ToString()));
    }

    [Theory]
    [InlineData("", "not recognised")]
    [InlineData("f1", "not recognised")]
    [InlineData("youden:0.5", "takes no value")]
    [InlineData("sensitivity", "missing")]
    [InlineData("sensitivity:", "missing")]
    [InlineData("sensitivity:high", "not a number")]
    [InlineData("sensitivity:95", "(0, 1]")]
    [InlineData("sensitivity:0", "(0, 1]")]
    [InlineData("sensitivity:-0.5", "(0, 1]")]
    [InlineData("sensitivity:NaN", "(0, 1]")]
    [InlineData("sensitivity:0,95", "not a number")]
    public void Rejects_malformed_text_with_a_FormatException_naming_the_accepted_forms(string text, string reason)
    {
        var ex = Assert.Throws<FormatException>(() => ThresholdPolicy.Parse(text));
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.Contains("'youden' or 'sensitivity:<target in (0, 1]>'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_rejects_null()
    {
        Assert.Throws<ArgumentNullException>(() => ThresholdPolicy.Parse(null!));
    }

    [Fact]
    public void Constructor_rejects_inconsistent_combinations()
    {
        Assert.Throws<ArgumentException>(() => new ThresholdPolicy("youden", 0.9));
        Assert.Throws<ArgumentException>(() => new ThresholdPolicy("sensitivity", null));
        Assert.Throws<ArgumentException>(() => new ThresholdPolicy("sensitivity", 1.5));
        Assert.Throws<ArgumentException>(() => new ThresholdPolicy("median", null));
        Assert.Equal(ThresholdPolicy.Youden, new ThresholdPolicy("YOUDEN", null));
    }

    [Fact]
    public void Choose_delegates_to_the_operating_point_rule()
    {
        int[] labels = [0, 0, 1, 0, 1, 1];
        double[] probabilities = [0.1, 0.3, 0.35, 0.5, 0.7, 0.9];

        Assert.Equal(OperatingPoint.Youden(labels, probabilities), ThresholdPolicy.Parse("youden").Choose(labels, probabilities));
        Assert.Equal(0.6, ThresholdPolicy.Parse("sensitivity:0.5").Choose(labels, probabilities), 1e-12);
    }
}
