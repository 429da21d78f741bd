using Cxr.Core.Evaluation;

namespace Cxr.Core.Tests.Evaluation;

public class RocAnalysisTests
{
    [Fact]
    public void Auc_counts_a_tied_pair_as_one_half()
    {
        // Positives {0.4, 0.8} against negatives {0.1, 0.4}:
        //   0.4 vs 0.1 → 1, 0.4 vs 0.4 → 1/2, 0.8 vs 0.1 → 1, 0.8 vs 0.4 → 1.  AUC = 3.5 / 4 = 0.875.
        Assert.Equal(0.875, RocAnalysis.Auc([0, 0, 1, 1], [0.1, 0.4, 0.4, 0.8]), 1e-12);
    }

    [Fact]
    public void Auc_is_one_for_perfect_zero_for_inverted_and_half_for_constant_scores()
    {
        Assert.Equal(1.0, RocAnalysis.Auc([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9]));
        Assert.Equal(0.0, RocAnalysis.Auc([0, 0, 1, 1], [0.8, 0.9, 0.1, 0.2]));
        Assert.Equal(0.5, RocAnalysis.Auc([0, 1, 0, 1, 1], [0.3, 0.3, 0.3, 0.3, 0.3])); // 6 pairs, all ties: 3 / 6
    }

    [Fact]
    public void Auc_is_NaN_when_a_class_is_absent()
    {
        Assert.True(double.IsNaN(RocAnalysis.Auc([1, 1, 1], [0.2, 0.5, 0.9])));
        Assert.True(double.IsNaN(RocAnalysis.Auc([0, 0], [0.2, 0.5])));
        Assert.True(double.IsNaN(RocAnalysis.Auc([], [])));
    }

    [Fact]
    public void Auc_accepts_logits_and_depends_only_on_order()
    {
        int[] labels = [0, 1, 0, 1, 1, 0];
        double[] logits = [-3.0, 0.5, 1.2, 4.0, -0.2, -1.0];
        var probabilities = logits.Select(SyntheticScores.Sigmoid).ToArray();
        // Positives {0.5, 4.0, -0.2} vs negatives {-3, 1.2, -1}: 0.5 beats 2, 4.0 beats 3, -0.2 beats 2 → 7/9.
        Assert.Equal(7.0 / 9.0, RocAnalysis.Auc(labels, logits), 1e-12);
        Assert.Equal(RocAnalysis.Auc(labels, logits), RocAnalysis.Auc(labels, probabilities), 1e-12);
    }

    [Fact]
    public void Auc_matches_brute_force_pair_count_and_trapezoid_area_on_tied_random_data()
    {
        var (labels, scores) = SyntheticScores.Probabilities(400, seed: 7, decimals: 1); // heavy ties
        double pairs = 0;
        int positives = 0, negatives = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] == 1) positives++; else negatives++;
            for (var j = 0; j < labels.Length; j++)
            {
                if (labels[i] == 1 && labels[j] == 0)
                {
                    pairs += scores[i] > scores[j] ? 1.0 : scores[i] == scores[j] ? 0.5 : 0.0;
                }
            }
        }

        var curve = RocAnalysis.Curve(labels, scores);
        double trapezoid = 0;
        for (var k = 1; k < curve.Count; k++)
        {
            trapezoid += (curve[k].FalsePositiveRate - curve[k - 1].FalsePositiveRate)
                * (curve[k].TruePositiveRate + curve[k - 1].TruePositiveRate) / 2;
        }

        var auc = RocAnalysis.Auc(labels, scores);
        Assert.Equal(pairs / ((double)positives * negatives), auc, 1e-12);
        Assert.Equal(trapezoid, auc, 1e-12);
    }

    [Fact]
    public void Curve_has_one_point_per_distinct_score_from_origin_to_one_one()
    {
        // Descending thresholds: +∞ → (0, 0); 0.8 → TP 1, FP 0; 0.4 → TP 2, FP 1; 0.1 → TP 2, FP 2.  P = N = 2.
        var curve = RocAnalysis.Curve([0, 0, 1, 1], [0.1, 0.4, 0.4, 0.8]);
        Assert.Equal(
            [
                new RocPoint(0.0, 0.0, double.PositiveInfinity),
                new RocPoint(0.0, 0.5, 0.8),
                new RocPoint(0.5, 1.0, 0.4),
                new RocPoint(1.0, 1.0, 0.1),
            ],
            curve);
    }

    [Fact]
    public void Curve_marks_the_undefined_rate_NaN_when_a_class_is_absent()
    {
        var curve = RocAnalysis.Curve([1, 1], [0.3, 0.6]);
        Assert.Equal(3, curve.Count);
        Assert.All(curve, p => Assert.True(double.IsNaN(p.FalsePositiveRate)));
        Assert.Equal([0.0, 0.5, 1.0], curve.Select(p => p.TruePositiveRate));
    }
}
