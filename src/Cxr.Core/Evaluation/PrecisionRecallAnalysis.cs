namespace Cxr.Core.Evaluation;

/// <summary>Precision–recall analysis for PNEUMONIA (label 1). Only the order of the scores matters. O(n log n).</summary>
public static class PrecisionRecallAnalysis
{
    /// <summary>
    /// Average precision as scikit-learn defines it (<c>average_precision_score</c>): AP = Σₙ (Rₙ − Rₙ₋₁) Pₙ over the
    /// distinct scores in decreasing order, with R₀ = 0 and tied scores forming one threshold. This is a step-wise sum,
    /// not the trapezoidal area (which is optimistic).
    /// </summary>
    /// <param name="labels">0 = NORMAL, 1 = PNEUMONIA; same length as <paramref name="scores"/>.</param>
    /// <param name="scores">Higher = more likely PNEUMONIA; any number except NaN.</param>
    /// <returns>
    /// AP in [0, 1]; NaN when there are no positives (recall is undefined; scikit-learn returns 0 with a warning).
    /// </returns>
    /// <exception cref="ArgumentException">Lengths differ, a label is not 0/1, or a score is NaN.</exception>
    public static double AveragePrecision(ReadOnlySpan<int> labels, ReadOnlySpan<double> scores)
    {
        MetricInput.ValidateScores(labels, scores);
        return ScoreRanking.Build(labels, scores).AveragePrecision();
    }

    /// <summary>
    /// The precision–recall curve ordered by decreasing threshold (recall non-decreasing): first the conventional
    /// (recall 0, precision 1, threshold +∞) point, then one point per distinct score. This is scikit-learn's
    /// <c>precision_recall_curve</c> output reversed, with the final threshold-less point moved to the front.
    /// </summary>
    /// <remarks>With no positives every recall is NaN.</remarks>
    /// <exception cref="ArgumentException">Lengths differ, a label is not 0/1, or a score is NaN.</exception>
    public static IReadOnlyList<PrecisionRecallPoint> Curve(ReadOnlySpan<int> labels, ReadOnlySpan<double> scores)
    {
        MetricInput.ValidateScores(labels, scores);
        var ranking = ScoreRanking.Build(labels, scores);
        var points = new PrecisionRecallPoint[ranking.Groups.Length + 1];
        points[0] = new PrecisionRecallPoint(MetricInput.Ratio(0, ranking.Positives), 1.0, double.PositiveInfinity);
        long tp = 0, fp = 0;
        for (var k = 0; k < ranking.Groups.Length; k++)
        {
            var g = ranking.Groups[k];
            tp += g.Positives;
            fp += g.Negatives;
            points[k + 1] = new PrecisionRecallPoint(
                MetricInput.Ratio(tp, ranking.Positives), MetricInput.Ratio(tp, tp + fp), g.Score);
        }

        return points;
    }
}
