using Cxr.Core.Evaluation;

namespace Cxr.Core.Tests.Evaluation;

public class BootstrapIntervalsTests
{
    [Fact]
    public void Same_seed_gives_identical_intervals_and_another_seed_different_ones()
    {
        var (labels, probabilities) = SyntheticScores.Probabilities(200, seed: 5);

        var first = BootstrapIntervals.Compute(labels, probabilities, 0.5, iterations: 200, seed: 123);
        var again = BootstrapIntervals.Compute(labels, probabilities, 0.5, iterations: 200, seed: 123);
        var other = BootstrapIntervals.Compute(labels, probabilities, 0.5, iterations: 200, seed: 124);

        Assert.Equal(first.Intervals.ToArray(), again.Intervals.ToArray());
        Assert.NotEqual(first.Intervals.ToArray(), other.Intervals.ToArray());
    }

    [Fact]
    public void Keys_are_the_camel_case_metric_names_in_order()
    {
        var (labels, probabilities) = SyntheticScores.Probabilities(50, seed: 1);
        var result = BootstrapIntervals.Compute(labels, probabilities, 0.5, iterations: 20);

        Assert.Equal(
            ["accuracy", "precision", "sensitivity", "specificity", "f1", "auc", "averagePrecision", "brier", "ece"],
            result.Intervals.Keys);
        Assert.Equal(BootstrapIntervals.MetricNames, result.Intervals.Keys);
        Assert.Equal(result.Intervals["auc"], result["auc"]);
        Assert.Throws<KeyNotFoundException>(() => result["AUC"]);
    }

    [Fact]
    public void Intervals_contain_the_point_estimates_on_a_reasonable_sample()
    {
        // 600 cases of an over-confident model (true probability sigmoid(z/2), predicted sigmoid(z)), so every metric,
        // ECE included, is well away from its bound.
        var (labels, logits) = SyntheticScores.TemperedLogits(600, trueTemperature: 2.0, seed: 21, spread: 3.0);
        var probabilities = logits.Select(SyntheticScores.Sigmoid).ToArray();
        var point = BinaryMetrics.Compute(labels, probabilities, 0.5);

        var result = BootstrapIntervals.Compute(labels, probabilities, 0.5);

        double[] estimates =
        [
            point.Accuracy, point.Precision, point.Sensitivity, point.Specificity, point.F1,
            point.Auc, point.AveragePrecision, point.Brier, point.Ece,
        ];
        for (var m = 0; m < estimates.Length; m++)
        {
            var interval = result.Intervals[BootstrapIntervals.MetricNames[m]];
            Assert.True(interval.Lower < interval.Upper, $"{BootstrapIntervals.MetricNames[m]}: {interval}");
            Assert.True(interval.Contains(estimates[m]), $"{BootstrapIntervals.MetricNames[m]} {estimates[m]} not in {interval}");
        }

        // A 95% interval for AUC on 600 cases is a few hundredths wide, not degenerate and not huge.
        var auc = result["auc"];
        Assert.InRange(auc.Upper - auc.Lower, 0.02, 0.15);
    }

    [Fact]
    public void Wider_confidence_gives_a_wider_interval()
    {
        var (labels, probabilities) = SyntheticScores.Probabilities(300, seed: 8);
        var narrow = BootstrapIntervals.Compute(labels, probabilities, 0.5, iterations: 300, confidence: 0.5)["auc"];
        var wide = BootstrapIntervals.Compute(labels, probabilities, 0.5, iterations: 300, confidence: 0.99)["auc"];

        Assert.True(wide.Lower < narrow.Lower && narrow.Upper < wide.Upper, $"{wide} should contain {narrow}");
    }

    [Fact]
    public void Grouped_resampling_keeps_each_group_together()
    {
        // 20 patients, each with one PNEUMONIA image scored 0.9 (TP at 0.5) and one NORMAL image scored 0.8 (FP).
        // Any resample of whole patients has TP = FP, so accuracy and precision are exactly 0.5 in every resample,
        // while resampling single images lets them vary.
        var labels = Enumerable.Range(0, 40).Select(i => i < 20 ? 1 : 0).ToArray();
        var probabilities = labels.Select(y => y == 1 ? 0.9 : 0.8).ToArray();
        var patients = Enumerable.Range(0, 40).Select(i => $"patient{i % 20}").ToArray();

        var grouped = BootstrapIntervals.Compute(labels, probabilities, 0.5, iterations: 300, groups: patients);
        var ungrouped = BootstrapIntervals.Compute(labels, probabilities, 0.5, iterations: 300);

        Assert.Equal(new ConfidenceInterval(0.5, 0.5), grouped["accuracy"]);
        Assert.Equal(new ConfidenceInterval(0.5, 0.5), grouped["precision"]);
        Assert.True(ungrouped["accuracy"].Upper - ungrouped["accuracy"].Lower > 0.1, ungrouped["accuracy"].ToString());
    }

    [Fact]
    public void A_drawn_resample_consists_of_whole_groups()
    {
        string[] groups = ["a", "b", "a", "c", "b", "a", "d"];
        var members = BootstrapIntervals.GroupMembers(groups, groups.Length);
        Assert.Equal([[0, 2, 5], [1, 4], [3], [6]], members);

        var rng = new Random(9);
        var indices = new List<int>();
        for (var draw = 0; draw < 50; draw++)
        {
            BootstrapIntervals.DrawResample(rng, members, indices);
            var counts = indices.GroupBy(i => groups[i]).ToDictionary(g => g.Key, g => g.Count());
            foreach (var (group, count) in counts)
            {
                var size = members.Single(m => groups[m[0]] == group).Length;
                Assert.Equal(0, count % size); // every appearance brings the whole group
            }

            Assert.Equal(0, indices.Count(i => groups[i] == "a") % 3);
        }
    }

    [Fact]
    public void Percentile_interpolates_linearly_like_numpy()
    {
        // numpy.percentile([1, 2, 3, 4], 2.5) = 1 + 0.075·1 = 1.075; 97.5 → 3 + 0.925 = 3.925.
        List<double> values = [1, 2, 3, 4];
        Assert.Equal(1.075, BootstrapIntervals.Percentile(values, 0.025), 1e-12);
        Assert.Equal(3.925, BootstrapIntervals.Percentile(values, 0.975), 1e-12);
    }

    [Fact]
    public void A_metric_undefined_in_every_resample_gets_a_NaN_interval()
    {
        var result = BootstrapIntervals.Compute([1, 1, 1, 1], [0.2, 0.6, 0.7, 0.9], 0.5, iterations: 50);

        Assert.True(double.IsNaN(result["auc"].Lower) && double.IsNaN(result["auc"].Upper));
        Assert.True(double.IsNaN(result["specificity"].Lower));
        Assert.False(double.IsNaN(result["sensitivity"].Lower));
    }

    [Fact]
    public void Rejects_bad_arguments()
    {
        int[] labels = [0, 1, 1];
        double[] probabilities = [0.2, 0.7, 0.4];

        Assert.Throws<ArgumentOutOfRangeException>(() => BootstrapIntervals.Compute(labels, probabilities, 0.5, iterations: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => BootstrapIntervals.Compute(labels, probabilities, 0.5, confidence: 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => BootstrapIntervals.Compute(labels, probabilities, 0.5, confidence: 0.0));
        var length = Assert.Throws<ArgumentException>(() => BootstrapIntervals.Compute(labels, probabilities, 0.5, groups: ["a", "b"]));
        Assert.Contains("cases: 3, groups: 2", length.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => BootstrapIntervals.Compute(labels, probabilities, 0.5, groups: ["a", null!, "b"]));
        Assert.Throws<ArgumentException>(() => BootstrapIntervals.Compute([], [], 0.5));
    }
}
