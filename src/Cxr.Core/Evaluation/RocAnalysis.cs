namespace Cxr.Core.Evaluation;

/// <summary>
/// Receiver operating characteristic for PNEUMONIA (label 1) against NORMAL (label 0). Scores may be probabilities or
/// any monotone transform of them (logits); only their order matters. O(n log n).
/// </summary>
public static class RocAnalysis
{
    /// <summary>
    /// Area under the ROC curve as the Mann–Whitney statistic: the fraction of (positive, negative) pairs in which the
    /// positive scores higher, a tie counting 1/2. Equals the trapezoidal area under <see cref="Curve"/>.
    /// </summary>
    /// <param name="labels">0 = NORMAL, 1 = PNEUMONIA; same length as <paramref name="scores"/>.</param>
    /// <param name="scores">Higher = more likely PNEUMONIA; any number except NaN.</param>
    /// <returns>AUC in [0, 1] (0.5 when all scores are equal); NaN when either class is absent.</returns>
    /// <exception cref="ArgumentException">Lengths differ, a label is not 0/1, or a score is NaN.</exception>
    public static double Auc(ReadOnlySpan<int> labels, ReadOnlySpan<double> scores)
    {
        MetricInput.ValidateScores(labels, scores);
        return ScoreRanking.Build(labels, scores).Auc();
    }

    /// <summary>
    /// The ROC curve with one point per distinct score, ordered by decreasing threshold: it starts at (0, 0) with
    /// threshold +∞ (nothing positive), and ends at (1, 1) at the lowest score (everything positive). Collinear points
    /// are kept (unlike scikit-learn's <c>drop_intermediate=True</c>), so the length is distinct scores + 1.
    /// </summary>
    /// <remarks>When a class is absent its rate is 0/0 and every point carries NaN in that coordinate.</remarks>
    /// <exception cref="ArgumentException">Lengths differ, a label is not 0/1, or a score is NaN.</exception>
    public static IReadOnlyList<RocPoint> Curve(ReadOnlySpan<int> labels, ReadOnlySpan<double> scores)
    {
        MetricInput.ValidateScores(labels, scores);
        var ranking = ScoreRanking.Build(labels, scores);
        var points = new RocPoint[ranking.Groups.Length + 1];
        points[0] = new RocPoint(
            MetricInput.Ratio(0, ranking.Negatives), MetricInput.Ratio(0, ranking.Positives), double.PositiveInfinity);
        long tp = 0, fp = 0;
        for (var k = 0; k < ranking.Groups.Length; k++)
        {
            var g = ranking.Groups[k];
            tp += g.Positives;
            fp += g.Negatives;
            points[k + 1] = new RocPoint(
                MetricInput.Ratio(fp, ranking.Negatives), MetricInput.Ratio(tp, ranking.Positives), g.Score);
        }

        return points;
    }
}
