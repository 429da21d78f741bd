using Cxr.Core.Evaluation;

namespace Cxr.Core.Tests.Evaluation;

public class PrecisionRecallAnalysisTests
{
    [Fact]
    public void AveragePrecision_matches_the_scikit_learn_documentation_example()
    {
        // average_precision_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) = 0.8333 in the sklearn docs.
        // Descending: 0.8 (pos) P = 1/1, R = 1/2 → (1/2 − 0)·1 = 1/2
        //             0.4 (neg) P = 1/2, R = 1/2 → 0
        //             0.35 (pos) P = 2/3, R = 1 → (1 − 1/2)·2/3 = 1/3
        //             0.1 (neg) R unchanged   → 0            AP = 1/2 + 1/3 = 5/6.
        Assert.Equal(5.0 / 6.0, PrecisionRecallAnalysis.AveragePrecision([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]), 1e-12);
    }

    [Fact]
    public void AveragePrecision_groups_tied_scores_into_one_threshold()
    {
        // Labels [1, 0, 1, 0, 1], scores [0.9, 0.9, 0.6, 0.6, 0.2]; P = 3.
        //   0.9 group: TP 1, FP 1 → P = 1/2, R = 1/3 → (1/3)·(1/2) = 1/6
        //   0.6 group: TP 2, FP 2 → P = 1/2, R = 2/3 → (1/3)·(1/2) = 1/6
        //   0.2:       TP 3, FP 2 → P = 3/5, R = 1   → (1/3)·(3/5) = 1/5      AP = 1/6 + 1/6 + 1/5 = 8/15.
        // Breaking the 0.9 tie positive-first would give precision 1 at R = 1/3 instead, i.e. a higher AP.
        Assert.Equal(8.0 / 15.0, PrecisionRecallAnalysis.AveragePrecision([1, 0, 1, 0, 1], [0.9, 0.9, 0.6, 0.6, 0.2]), 1e-12);
    }

    [Fact]
    public void AveragePrecision_is_one_for_perfect_ranking_and_NaN_without_positives()
    {
        Assert.Equal(1.0, PrecisionRecallAnalysis.AveragePrecision([0, 1, 0, 1], [0.1, 0.9, 0.2, 0.8]));
        Assert.Equal(1.0, PrecisionRecallAnalysis.AveragePrecision([1, 1], [0.1, 0.9]));
        Assert.True(double.IsNaN(PrecisionRecallAnalysis.AveragePrecision([0, 0], [0.1, 0.9])));
    }

    [Fact]
    public void AveragePrecision_of_constant_scores_is_the_prevalence()
    {
        // One threshold containing everything: R = 1, P = 2/5 → AP = 0.4.
        Assert.Equal(0.4, PrecisionRecallAnalysis.AveragePrecision([1, 0, 0, 1, 0], [0.5, 0.5, 0.5, 0.5, 0.5]), 1e-12);
    }

    [Fact]
    public void Curve_matches_scikit_learn_reversed_with_the_anchor_first()
    {
        // sklearn: precision [0.5, 0.667, 0.5, 1, 1], recall [1, 1, 0.5, 0.5, 0], thresholds [0.1, 0.35, 0.4, 0.8].
        var curve = PrecisionRecallAnalysis.Curve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
        Assert.Equal(5, curve.Count);
        Assert.Equal(new PrecisionRecallPoint(0.0, 1.0, double.PositiveInfinity), curve[0]);
        Assert.Equal(new PrecisionRecallPoint(0.5, 1.0, 0.8), curve[1]);
        Assert.Equal(new PrecisionRecallPoint(0.5, 0.5, 0.4), curve[2]);
        Assert.Equal(1.0, curve[3].Recall);
        Assert.Equal(2.0 / 3.0, curve[3].Precision, 1e-12);
        Assert.Equal(0.35, curve[3].Threshold);
        Assert.Equal(new PrecisionRecallPoint(1.0, 0.5, 0.1), curve[4]);
    }

    [Fact]
    public void AveragePrecision_equals_the_step_sum_over_its_own_curve()
    {
        var (labels, scores) = SyntheticScores.Probabilities(500, seed: 11);
        var curve = PrecisionRecallAnalysis.Curve(labels, scores);
        double sum = 0;
        for (var k = 1; k < curve.Count; k++)
        {
            sum += (curve[k].Recall - curve[k - 1].Recall) * curve[k].Precision;
        }

        Assert.Equal(sum, PrecisionRecallAnalysis.AveragePrecision(labels, scores), 1e-12);
    }
}
