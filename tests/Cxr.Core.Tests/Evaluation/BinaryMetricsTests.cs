using Cxr.Core.Evaluation;

namespace Cxr.Core.Tests.Evaluation;

public class BinaryMetricsTests
{
    [Fact]
    public void Compute_agrees_with_the_individual_analyses()
    {
        // Same ten cases as ConfusionCountsTests: TP 4, FP 1, TN 3, FN 2 at 0.5.
        int[] labels = [1, 1, 1, 0, 0, 1, 0, 1, 1, 0];
        double[] probabilities = [0.9, 0.8, 0.3, 0.6, 0.1, 0.5, 0.4, 0.7, 0.2, 0.05];

        var m = BinaryMetrics.Compute(labels, probabilities, 0.5);

        Assert.Equal(10, m.N);
        Assert.Equal(0.5, m.Threshold);
        Assert.Equal((4, 1, 3, 2), (m.Tp, m.Fp, m.Tn, m.Fn));
        Assert.Equal(0.7, m.Accuracy, 1e-12);
        Assert.Equal(0.8, m.Precision, 1e-12);
        Assert.Equal(2.0 / 3.0, m.Sensitivity, 1e-12);
        Assert.Equal(0.75, m.Specificity, 1e-12);
        Assert.Equal(8.0 / 11.0, m.F1, 1e-12);
        // Positives {0.9, 0.8, 0.3, 0.5, 0.7, 0.2} vs negatives {0.6, 0.1, 0.4, 0.05}: wins 4 + 4 + 2 + 3 + 4 + 2 = 19 of 24.
        Assert.Equal(19.0 / 24.0, m.Auc, 1e-12);
        Assert.Equal(PrecisionRecallAnalysis.AveragePrecision(labels, probabilities), m.AveragePrecision);
        Assert.Equal(CalibrationAnalysis.BrierScore(labels, probabilities), m.Brier);
        Assert.Equal(CalibrationAnalysis.ExpectedCalibrationError(labels, probabilities, 10), m.Ece);
        Assert.Equal(ConfusionCounts.From(labels, probabilities, 0.5), m.Counts);
    }

    [Fact]
    public void Empty_input_gives_NaN_rates()
    {
        var m = BinaryMetrics.Compute([], [], 0.5);
        Assert.Equal(0, m.N);
        Assert.True(double.IsNaN(m.Accuracy));
        Assert.True(double.IsNaN(m.Auc));
        Assert.True(double.IsNaN(m.Brier));
        Assert.True(double.IsNaN(m.Ece));
    }
}
