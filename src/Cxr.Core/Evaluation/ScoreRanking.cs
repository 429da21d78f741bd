namespace Cxr.Core.Evaluation;

/// <summary>
/// Cases sorted by score (highest first) and grouped by distinct score. Every threshold-sweeping metric (ROC, PR, AUC,
/// AP, operating points) walks these groups, so one O(n log n) sort serves all of them and tied scores are always
/// handled together: a threshold can never separate two cases with the same score.
/// </summary>
internal sealed class ScoreRanking
{
    private ScoreRanking(ScoreGroup[] groups, int positives, int negatives)
    {
        Groups = groups;
        Positives = positives;
        Negatives = negatives;
    }

    /// <summary>Distinct scores in strictly decreasing order with their label counts.</summary>
    public ScoreGroup[] Groups { get; }

    public int Positives { get; }

    public int Negatives { get; }

    /// <summary>Builds the ranking; inputs must already be validated (labels 0/1, no NaN scores).</summary>
    public static ScoreRanking Build(ReadOnlySpan<int> labels, ReadOnlySpan<double> scores)
    {
        var keys = scores.ToArray();
        var items = labels.ToArray();
        Array.Sort(keys, items);

        var groups = new List<ScoreGroup>();
        var positives = 0;
        var i = keys.Length - 1;
        while (i >= 0)
        {
            var score = keys[i];
            int pos = 0, neg = 0;
            while (i >= 0 && keys[i] == score)
            {
                if (items[i] == 1)
                {
                    pos++;
                }
                else
                {
                    neg++;
                }

                i--;
            }

            positives += pos;
            groups.Add(new ScoreGroup(score, pos, neg));
        }

        return new ScoreRanking([.. groups], positives, keys.Length - positives);
    }

    /// <summary>Area under the ROC curve = P(score of a random positive &gt; that of a random negative), ties count 1/2.</summary>
    public double Auc()
    {
        if (Positives == 0 || Negatives == 0)
        {
            return double.NaN;
        }

        // Walking from the highest score down, the negatives strictly below a group are those not yet seen.
        double pairs = 0;
        long negativesSeen = 0;
        foreach (var g in Groups)
        {
            negativesSeen += g.Negatives;
            pairs += g.Positives * (double)(Negatives - negativesSeen) + 0.5 * g.Positives * (double)g.Negatives;
        }

        return pairs / ((double)Positives * Negatives);
    }

    /// <summary>scikit-learn's average precision: sum over distinct thresholds of (R_n - R_{n-1}) * P_n.</summary>
    public double AveragePrecision()
    {
        if (Positives == 0)
        {
            return double.NaN;
        }

        double ap = 0;
        long tp = 0, fp = 0;
        foreach (var g in Groups)
        {
            tp += g.Positives;
            fp += g.Negatives;
            if (g.Positives > 0)
            {
                ap += g.Positives / (double)Positives * (tp / (double)(tp + fp));
            }
        }

        return ap;
    }
}
