namespace Cxr.Core.Evaluation;

/// <summary>
/// Every headline metric of a PNEUMONIA (1) vs NORMAL (0) classifier at one threshold, computed in one O(n log n) pass.
/// Threshold-dependent rates follow <see cref="ConfusionCounts"/> (undefined ratios are NaN); AUC and AP are
/// threshold-free; Brier and ECE (10 equal-width bins) measure calibration.
/// </summary>
/// <param name="N">Number of cases.</param>
/// <param name="Threshold">Predicted PNEUMONIA iff probability &gt;= this.</param>
/// <param name="Accuracy">(TP + TN) / N.</param>
/// <param name="Precision">TP / (TP + FP).</param>
/// <param name="Sensitivity">Recall, TP / (TP + FN).</param>
/// <param name="Specificity">TN / (TN + FP).</param>
/// <param name="F1">2TP / (2TP + FP + FN).</param>
/// <param name="Auc">ROC AUC (<see cref="RocAnalysis.Auc"/>); NaN with one class.</param>
/// <param name="AveragePrecision">scikit-learn AP (<see cref="PrecisionRecallAnalysis.AveragePrecision"/>); NaN without positives.</param>
/// <param name="Brier">Brier score (<see cref="CalibrationAnalysis.BrierScore"/>).</param>
/// <param name="Ece">Expected calibration error with 10 bins (<see cref="CalibrationAnalysis.ExpectedCalibrationError"/>).</param>
/// <param name="Tp">True positives.</param>
/// <param name="Fp">False positives.</param>
/// <param name="Tn">True negatives.</param>
/// <param name="Fn">False negatives.</param>
public sealed record BinaryMetrics(
    int N,
    double Threshold,
    double Accuracy,
    double Precision,
    double Sensitivity,
    double Specificity,
    double F1,
    double Auc,
    double AveragePrecision,
    double Brier,
    double Ece,
    int Tp,
    int Fp,
    int Tn,
    int Fn)
{
    /// <summary>Number of equal-width bins used for <see cref="Ece"/>.</summary>
    public const int EceBins = 10;

    /// <summary>The confusion cells as a <see cref="ConfusionCounts"/> (for NPV or <see cref="ConfusionCounts.ToMatrix"/>).</summary>
    public ConfusionCounts Counts => new(Tp, Fp, Tn, Fn);

    /// <summary>Computes all metrics. An empty input gives N = 0 and NaN for every rate.</summary>
    /// <param name="labels">0 = NORMAL, 1 = PNEUMONIA; same length as <paramref name="probabilities"/>.</param>
    /// <param name="probabilities">P(PNEUMONIA) per case, each in [0, 1].</param>
    /// <param name="threshold">Decision threshold (not NaN).</param>
    /// <exception cref="ArgumentException">Lengths differ, a label is not 0/1, a probability is NaN or outside [0, 1], or the threshold is NaN.</exception>
    public static BinaryMetrics Compute(ReadOnlySpan<int> labels, ReadOnlySpan<double> probabilities, double threshold)
    {
        MetricInput.ValidateProbabilities(labels, probabilities);
        MetricInput.ValidateThreshold(threshold);

        var counts = ConfusionCounts.Count(labels, probabilities, threshold);
        var ranking = ScoreRanking.Build(labels, probabilities);
        return new BinaryMetrics(
            N: labels.Length,
            Threshold: threshold,
            Accuracy: counts.Accuracy,
            Precision: counts.Precision,
            Sensitivity: counts.Sensitivity,
            Specificity: counts.Specificity,
            F1: counts.F1,
            Auc: ranking.Auc(),
            AveragePrecision: ranking.AveragePrecision(),
            Brier: CalibrationAnalysis.BrierScore(labels, probabilities),
            Ece: CalibrationAnalysis.ExpectedCalibrationError(labels, probabilities, EceBins),
            Tp: counts.TruePositives,
            Fp: counts.FalsePositives,
            Tn: counts.TrueNegatives,
            Fn: counts.FalseNegatives);
    }
}
