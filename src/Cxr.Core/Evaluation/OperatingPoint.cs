namespace Cxr.Core.Evaluation;

/// <summary>
/// Chooses a decision threshold on validation probabilities (predicted PNEUMONIA iff probability &gt;= threshold).
/// </summary>
/// <remarks>
/// <para>
/// Candidate operating points are the distinct probabilities: "positive iff p &gt;= sₖ". The returned threshold is not
/// sₖ itself but the midpoint between sₖ and the next lower distinct probability (or 0 below the lowest one). On the
/// data it was chosen from it classifies every case exactly as sₖ does, while unseen cases near the boundary are
/// treated symmetrically instead of the threshold hugging one validation score.
/// </para>
/// <para>
/// The result therefore lies in (0, 1). Two degenerate cases keep the exact operating point instead: if the chosen
/// score is exactly 0 (every case positive, including p = 0) the threshold is 0, and if the two neighbours are adjacent
/// doubles the threshold is sₖ itself. O(n log n).
/// </para>
/// </remarks>
public static class OperatingPoint
{
    /// <summary>
    /// The threshold maximising Youden's J = sensitivity + specificity − 1 = TPR − FPR. Among equal J (compared exactly
    /// as integer fractions) the one with the higher sensitivity wins, i.e. the lower threshold.
    /// </summary>
    /// <param name="labels">0 = NORMAL, 1 = PNEUMONIA; both classes must be present.</param>
    /// <param name="probabilities">P(PNEUMONIA) per case, each in [0, 1].</param>
    /// <returns>A threshold in (0, 1), placed by the midpoint rule (see the type remarks).</returns>
    /// <exception cref="ArgumentException">Invalid inputs, or a class is absent (J is undefined).</exception>
    public static double Youden(ReadOnlySpan<int> labels, ReadOnlySpan<double> probabilities)
    {
        var positives = MetricInput.ValidateProbabilities(labels, probabilities);
        if (positives == 0 || positives == labels.Length)
        {
            throw new ArgumentException(
                $"Youden's J needs both classes; got {positives} PNEUMONIA and {labels.Length - positives} NORMAL cases.",
                nameof(labels));
        }

        var ranking = ScoreRanking.Build(labels, probabilities);
        long p = ranking.Positives, n = ranking.Negatives;

        // J = tp/P - fp/N; comparing tp·N - fp·P keeps ties exact instead of at the mercy of rounding.
        var best = -1;
        long bestNumerator = long.MinValue, bestTp = -1, tp = 0, fp = 0;
        for (var k = 0; k < ranking.Groups.Length; k++)
        {
            tp += ranking.Groups[k].Positives;
            fp += ranking.Groups[k].Negatives;
            var numerator = tp * n - fp * p;
            if (numerator > bestNumerator || (numerator == bestNumerator && tp > bestTp))
            {
                best = k;
                bestNumerator = numerator;
                bestTp = tp;
            }
        }

        return ThresholdBelow(ranking.Groups, best);
    }

    /// <summary>
    /// The highest threshold whose sensitivity on these data is at least <paramref name="targetSensitivity"/>, i.e. the
    /// most specific operating point that still meets the target.
    /// </summary>
    /// <param name="labels">0 = NORMAL, 1 = PNEUMONIA; at least one PNEUMONIA case.</param>
    /// <param name="probabilities">P(PNEUMONIA) per case, each in [0, 1].</param>
    /// <param name="targetSensitivity">Required sensitivity in (0, 1].</param>
    /// <returns>A threshold in (0, 1), placed by the midpoint rule (see the type remarks).</returns>
    /// <exception cref="ArgumentException">Invalid inputs, or there are no PNEUMONIA cases.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The target is not in (0, 1].</exception>
    public static double ForSensitivity(ReadOnlySpan<int> labels, ReadOnlySpan<double> probabilities, double targetSensitivity)
    {
        var positives = MetricInput.ValidateProbabilities(labels, probabilities);
        if (!(targetSensitivity > 0.0 && targetSensitivity <= 1.0))
        {
            throw new ArgumentOutOfRangeException(
                nameof(targetSensitivity), targetSensitivity, "The target sensitivity must be in (0, 1].");
        }

        if (positives == 0)
        {
            throw new ArgumentException("A sensitivity target needs at least one PNEUMONIA (label 1) case.", nameof(labels));
        }

        var ranking = ScoreRanking.Build(labels, probabilities);
        long tp = 0;
        for (var k = 0; k < ranking.Groups.Length; k++)
        {
            tp += ranking.Groups[k].Positives;

            // tp / P is correctly rounded, so a target written as the exact fraction (0.95 for 19/20) compares equal.
            if (tp / (double)ranking.Positives >= targetSensitivity)
            {
                return ThresholdBelow(ranking.Groups, k);
            }
        }

        // Unreachable: the last group has tp = P, sensitivity 1 >= any valid target.
        throw new InvalidOperationException("No threshold reached the target sensitivity.");
    }

    /// <summary>
    /// A threshold t with lower &lt; t &lt;= groups[k].Score, where lower is the next distinct score (or 0): it selects
    /// exactly the cases of groups 0..k.
    /// </summary>
    internal static double ThresholdBelow(ScoreGroup[] groups, int k)
    {
        var upper = groups[k].Score;
        var lower = k + 1 < groups.Length ? groups[k + 1].Score : 0.0;
        var mid = lower + (upper - lower) / 2;
        return mid > lower ? mid : upper;
    }
}
