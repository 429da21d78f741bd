using Cxr.Core.Evaluation;

namespace Cxr.Core.Tests.Evaluation;

public class ConfusionCountsTests
{
    // Ten cases at threshold 0.5 (positive iff p >= 0.5):
    //   label 1: 0.9 TP, 0.8 TP, 0.3 FN, 0.5 TP (on the threshold counts as positive), 0.7 TP, 0.2 FN
    //   label 0: 0.6 FP, 0.1 TN, 0.4 TN, 0.05 TN
    // => TP 4, FP 1, TN 3, FN 2.
    private static readonly int[] Labels = [1, 1, 1, 0, 0, 1, 0, 1, 1, 0];
    private static readonly double[] Probabilities = [0.9, 0.8, 0.3, 0.6, 0.1, 0.5, 0.4, 0.7, 0.2, 0.05];

    private static ConfusionCounts Example => ConfusionCounts.From(Labels, Probabilities, 0.5);

    [Fact]
    public void From_counts_each_cell_and_treats_probability_equal_to_threshold_as_positive()
    {
        Assert.Equal(new ConfusionCounts(TruePositives: 4, FalsePositives: 1, TrueNegatives: 3, FalseNegatives: 2), Example);
        Assert.Equal(10, Example.Total);
        Assert.Equal(6, Example.Positives);
        Assert.Equal(4, Example.Negatives);
    }

    [Fact]
    public void Rates_match_hand_computed_values()
    {
        var c = Example;
        Assert.Equal(0.7, c.Accuracy, 1e-12);                // (4 + 3) / 10
        Assert.Equal(0.8, c.Precision, 1e-12);               // 4 / (4 + 1)
        Assert.Equal(2.0 / 3.0, c.Sensitivity, 1e-12);       // 4 / (4 + 2)
        Assert.Equal(0.75, c.Specificity, 1e-12);            // 3 / (3 + 1)
        Assert.Equal(0.6, c.NegativePredictiveValue, 1e-12); // 3 / (3 + 2)
        Assert.Equal(8.0 / 11.0, c.F1, 1e-12);               // 2·4 / (2·4 + 1 + 2)
        // F1 is also the harmonic mean: 2·0.8·(2/3) / (0.8 + 2/3) = (16/15) / (22/15) = 8/11.
        Assert.Equal(2 * c.Precision * c.Sensitivity / (c.Precision + c.Sensitivity), c.F1, 1e-12);
    }

    [Fact]
    public void ToMatrix_is_indexed_actual_then_predicted_with_normal_first()
    {
        var m = Example.ToMatrix();

        Assert.Equal(3, m[0, 0]); // actual NORMAL,    predicted NORMAL    = TN
        Assert.Equal(1, m[0, 1]); // actual NORMAL,    predicted PNEUMONIA = FP
        Assert.Equal(2, m[1, 0]); // actual PNEUMONIA, predicted NORMAL    = FN
        Assert.Equal(4, m[1, 1]); // actual PNEUMONIA, predicted PNEUMONIA = TP
        Assert.Equal(m[ConfusionCounts.PneumoniaIndex, ConfusionCounts.PneumoniaIndex], Example.TruePositives);

        // Row sums are the actual class sizes, column sums the predicted ones.
        Assert.Equal(Example.Negatives, m[0, 0] + m[0, 1]);
        Assert.Equal(Example.Positives, m[1, 0] + m[1, 1]);
        Assert.Equal(5, m[0, 1] + m[1, 1]); // predicted PNEUMONIA: 0.9, 0.8, 0.6, 0.5, 0.7
    }

    [Fact]
    public void Matrix_unpacks_as_tn_fp_fn_tp_and_the_notebooks_order_reports_the_wrong_recall()
    {
        var m = Example.ToMatrix();
        int[] ravel = [m[0, 0], m[0, 1], m[1, 0], m[1, 1]]; // row-major, like numpy's cm.ravel()

        // Correct: [[tn, fp], [fn, tp]].ravel() = tn, fp, fn, tp.
        var (tn, fp, fn, tp) = (ravel[0], ravel[1], ravel[2], ravel[3]);
        Assert.Equal((3, 1, 2, 4), (tn, fp, fn, tp));
        Assert.Equal(Example.Sensitivity, tp / (double)(tp + fn), 1e-12); // 4 / 6

        // The original Keras notebook wrote `tp, fp, fn, tn = cm.ravel()`: its "tp" is really TN (3) and its "tn" is
        // really TP, so its "recall" tp / (tp + fn) = 3 / (3 + 2) = 0.6 is the negative predictive value, not 4/6.
        var (notebookTp, _, notebookFn, _) = (ravel[0], ravel[1], ravel[2], ravel[3]);
        var notebookRecall = notebookTp / (double)(notebookTp + notebookFn);
        Assert.Equal(0.6, notebookRecall, 1e-12);
        Assert.Equal(Example.NegativePredictiveValue, notebookRecall, 1e-12);
        Assert.NotEqual(Example.Sensitivity, notebookRecall, 1e-6);
    }

    [Fact]
    public void Undefined_ratios_are_NaN_not_zero()
    {
        // Only negatives, nothing predicted positive: precision 0/0, sensitivity 0/0, F1 0/0.
        var c = ConfusionCounts.From([0, 0], [0.1, 0.2], 0.5);
        Assert.Equal(new ConfusionCounts(0, 0, 2, 0), c);
        Assert.True(double.IsNaN(c.Precision));
        Assert.True(double.IsNaN(c.Sensitivity));
        Assert.True(double.IsNaN(c.F1));
        Assert.Equal(1.0, c.Specificity);
        Assert.Equal(1.0, c.Accuracy);

        var empty = ConfusionCounts.From([], [], 0.5);
        Assert.Equal(0, empty.Total);
        Assert.True(double.IsNaN(empty.Accuracy));
        Assert.True(double.IsNaN(empty.NegativePredictiveValue));
    }

    [Fact]
    public void F1_is_zero_when_there_are_positives_but_no_true_positives()
    {
        // TP 0, FP 1, FN 1 → 0 / (0 + 1 + 1) = 0: a real failure, not an undefined value.
        var c = ConfusionCounts.From([1, 0], [0.2, 0.7], 0.5);
        Assert.Equal(0.0, c.F1);
        Assert.Equal(0.0, c.Precision);
        Assert.Equal(0.0, c.Sensitivity);
    }

    [Fact]
    public void Negative_counts_are_rejected()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new ConfusionCounts(1, -1, 0, 0));
        Assert.Contains("FalsePositives", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConfusionCounts(0, 0, 0, 0) with { FalseNegatives = -2 });
    }
}
