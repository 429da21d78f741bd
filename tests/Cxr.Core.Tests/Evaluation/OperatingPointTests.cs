using Cxr.Core.Evaluation;

namespace Cxr.Core.Tests.Evaluation;

public class OperatingPointTests
{
    // P = 3, N = 3. Descending thresholds "positive iff p >= t":
    //   t = 0.9  (pos): TPR 1/3, FPR 0   → J = 1/3
    //   t = 0.7  (pos): TPR 2/3, FPR 0   → J = 2/3
    //   t = 0.5  (neg): TPR 2/3, FPR 1/3 → J = 1/3
    //   t = 0.35 (pos): TPR 1,   FPR 1/3 → J = 2/3   (ties with 0.7, higher sensitivity)
    //   t = 0.3  (neg): TPR 1,   FPR 2/3 → J = 1/3
    //   t = 0.1  (neg): TPR 1,   FPR 1   → J = 0
    private static readonly int[] Labels = [0, 0, 1, 0, 1, 1];
    private static readonly double[] Probabilities = [0.1, 0.3, 0.35, 0.5, 0.7, 0.9];

    [Fact]
    public void Youden_picks_the_unique_maximum_and_returns_the_midpoint_to_the_next_lower_score()
    {
        // Labels [0, 0, 0, 1, 1], p [0.1, 0.2, 0.6, 0.5, 0.9]; P = 2, N = 3.
        //   0.9: 1/2 − 0 = 0.5; 0.6: 1/2 − 1/3 = 1/6; 0.5: 1 − 1/3 = 2/3 (max); 0.2: 1 − 2/3 = 1/3; 0.1: 0.
        // Chosen score 0.5, next lower distinct score 0.2 → threshold (0.5 + 0.2) / 2 = 0.35.
        int[] labels = [0, 0, 0, 1, 1];
        double[] probabilities = [0.1, 0.2, 0.6, 0.5, 0.9];
        var threshold = OperatingPoint.Youden(labels, probabilities);

        Assert.Equal(0.35, threshold, 1e-12);
        Assert.Equal(new ConfusionCounts(2, 1, 2, 0), ConfusionCounts.From(labels, probabilities, threshold));
    }

    [Fact]
    public void Youden_breaks_a_tie_in_favour_of_higher_sensitivity()
    {
        // J = 2/3 at 0.7 and at 0.35; 0.35 has sensitivity 1 → midpoint (0.35 + 0.3) / 2 = 0.325.
        var threshold = OperatingPoint.Youden(Labels, Probabilities);

        Assert.Equal(0.325, threshold, 1e-12);
        var counts = ConfusionCounts.From(Labels, Probabilities, threshold);
        Assert.Equal(1.0, counts.Sensitivity);
        Assert.Equal(2.0 / 3.0, counts.Specificity, 1e-12);
    }

    [Fact]
    public void Youden_needs_both_classes()
    {
        var ex = Assert.Throws<ArgumentException>(() => OperatingPoint.Youden([1, 1], [0.2, 0.8]));
        Assert.Contains("both classes", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    // Target 0.5: sensitivity 1/3 at 0.9 is short, 2/3 at 0.7 meets it → midpoint (0.7 + 0.5) / 2 = 0.6.
    [InlineData(0.5, 0.6)]
    // Target exactly 2/3 (2 of 3 positives) is met at 0.7 as well.
    [InlineData(2.0 / 3.0, 0.6)]
    // Target 1/3 is met at the very top score 0.9 → (0.9 + 0.7) / 2 = 0.8.
    [InlineData(1.0 / 3.0, 0.8)]
    // Targets above 2/3 need all three positives: 0.35 → (0.35 + 0.3) / 2 = 0.325.
    [InlineData(0.95, 0.325)]
    [InlineData(1.0, 0.325)]
    public void ForSensitivity_returns_the_highest_threshold_meeting_the_target(double target, double expected)
    {
        var threshold = OperatingPoint.ForSensitivity(Labels, Probabilities, target);

        Assert.Equal(expected, threshold, 1e-12);
        Assert.True(ConfusionCounts.From(Labels, Probabilities, threshold).Sensitivity >= target);
    }

    [Fact]
    public void ForSensitivity_hits_an_exact_fraction_target_without_rounding_down()
    {
        // 20 positives at 0.05, 0.10, ..., 1.00 and no negatives: 19/20 = 0.95 is reached at score 0.10, so the
        // threshold lies between 0.10 and 0.05 and exactly one positive (0.05) is missed.
        var probabilities = Enumerable.Range(1, 20).Select(i => i / 20.0).ToArray();
        var labels = Enumerable.Repeat(1, 20).ToArray();
        var threshold = OperatingPoint.ForSensitivity(labels, probabilities, 0.95);

        Assert.Equal(0.075, threshold, 1e-12);
        Assert.Equal(0.95, ConfusionCounts.From(labels, probabilities, threshold).Sensitivity);
    }

    [Fact]
    public void Below_the_lowest_score_the_midpoint_is_taken_with_zero()
    {
        // Both positives needed → chosen score 0.4, nothing below it → (0.4 + 0) / 2 = 0.2.
        Assert.Equal(0.2, OperatingPoint.ForSensitivity([1, 1], [0.4, 0.8], 1.0), 1e-12);
    }

    [Fact]
    public void Ties_are_never_split_by_the_returned_threshold()
    {
        var (labels, probabilities) = SyntheticScores.Probabilities(300, seed: 3, decimals: 1);
        var distinct = probabilities.Distinct().ToHashSet();
        foreach (var threshold in new[]
                 {
                     OperatingPoint.Youden(labels, probabilities),
                     OperatingPoint.ForSensitivity(labels, probabilities, 0.9),
                 })
        {
            Assert.InRange(threshold, double.Epsilon, 1.0 - 1e-12);
            Assert.DoesNotContain(threshold, distinct);
        }
    }

    [Fact]
    public void ForSensitivity_rejects_targets_outside_zero_one_and_data_without_positives()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => OperatingPoint.ForSensitivity(Labels, Probabilities, 0.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => OperatingPoint.ForSensitivity(Labels, Probabilities, 1.01));
        Assert.Throws<ArgumentOutOfRangeException>(() => OperatingPoint.ForSensitivity(Labels, Probabilities, double.NaN));
        Assert.Throws<ArgumentException>(() => OperatingPoint.ForSensitivity([0, 0], [0.2, 0.4], 0.9));
    }
}
