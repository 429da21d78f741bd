using Cxr.Core.Evaluation;

namespace Cxr.Core.Tests.Evaluation;

public class InputValidationTests
{
    public static TheoryData<string, Action> ProbabilityConsumers(int[] labels, double[] probabilities) => new()
    {
        { "ConfusionCounts.From", () => ConfusionCounts.From(labels, probabilities, 0.5) },
        { "BinaryMetrics.Compute", () => BinaryMetrics.Compute(labels, probabilities, 0.5) },
        { "BrierScore", () => CalibrationAnalysis.BrierScore(labels, probabilities) },
        { "ExpectedCalibrationError", () => CalibrationAnalysis.ExpectedCalibrationError(labels, probabilities) },
        { "ReliabilityBins", () => CalibrationAnalysis.ReliabilityBins(labels, probabilities) },
        { "Youden", () => OperatingPoint.Youden(labels, probabilities) },
        { "ForSensitivity", () => OperatingPoint.ForSensitivity(labels, probabilities, 0.9) },
        { "Bootstrap", () => BootstrapIntervals.Compute(labels, probabilities, 0.5, iterations: 5) },
        { "Auc", () => RocAnalysis.Auc(labels, probabilities) },
        { "RocCurve", () => RocAnalysis.Curve(labels, probabilities) },
        { "AveragePrecision", () => PrecisionRecallAnalysis.AveragePrecision(labels, probabilities) },
        { "PrCurve", () => PrecisionRecallAnalysis.Curve(labels, probabilities) },
    };

    public static TheoryData<string, Action> LengthMismatch => ProbabilityConsumers([0, 1, 1], [0.2, 0.8]);

    public static TheoryData<string, Action> BadLabel => ProbabilityConsumers([0, 2, 1], [0.2, 0.8, 0.6]);

    public static TheoryData<string, Action> NaNProbability => ProbabilityConsumers([0, 1, 1], [0.2, double.NaN, 0.6]);

    [Theory]
    [MemberData(nameof(LengthMismatch))]
    public void Different_lengths_are_rejected(string api, Action call)
    {
        var ex = Assert.Throws<ArgumentException>(call);
        Assert.Contains("same length (labels: 3", ex.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(api));
    }

    [Theory]
    [MemberData(nameof(BadLabel))]
    public void Labels_other_than_zero_or_one_are_rejected(string api, Action call)
    {
        var ex = Assert.Throws<ArgumentException>(call);
        Assert.Contains("labels[1] is 2", ex.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(api));
    }

    [Theory]
    [MemberData(nameof(NaNProbability))]
    public void NaN_probabilities_are_rejected(string api, Action call)
    {
        var ex = Assert.Throws<ArgumentException>(call);
        Assert.Contains("[1] is NaN", ex.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(api));
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(-0.1)]
    [InlineData(double.PositiveInfinity)]
    public void Probabilities_outside_zero_one_are_rejected(double bad)
    {
        int[] labels = [0, 1];
        double[] probabilities = [0.2, bad];

        var ex = Assert.Throws<ArgumentException>(() => ConfusionCounts.From(labels, probabilities, 0.5));
        Assert.Contains("probabilities[1]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("[0, 1]", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => BinaryMetrics.Compute(labels, probabilities, 0.5));
        Assert.Throws<ArgumentException>(() => CalibrationAnalysis.BrierScore(labels, probabilities));
        Assert.Throws<ArgumentException>(() => OperatingPoint.Youden(labels, probabilities));
    }

    [Fact]
    public void Ranking_metrics_accept_scores_outside_zero_one()
    {
        Assert.Equal(1.0, RocAnalysis.Auc([0, 1], [-2.5, 7.0]));
        Assert.Equal(1.0, PrecisionRecallAnalysis.AveragePrecision([0, 1], [-2.5, 7.0]));
    }

    [Fact]
    public void NaN_threshold_is_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => ConfusionCounts.From([0, 1], [0.2, 0.8], double.NaN));
        Assert.Equal("threshold", ex.ParamName);
        Assert.Throws<ArgumentException>(() => BinaryMetrics.Compute([0, 1], [0.2, 0.8], double.NaN));
    }
}
