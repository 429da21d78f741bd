namespace Cxr.Core.Evaluation;

/// <summary>
/// Argument checks shared by every metric, so a bad label or probability is reported with its index instead of
/// silently producing a wrong number.
/// </summary>
internal static class MetricInput
{
    /// <summary>Checks labels (0/1) and probabilities ([0, 1], not NaN) of equal length; returns the positive count.</summary>
    public static int ValidateProbabilities(
        ReadOnlySpan<int> labels, ReadOnlySpan<double> probabilities, string probabilitiesName = "probabilities")
    {
        var positives = ValidateLabels(labels, probabilities.Length, probabilitiesName);
        for (var i = 0; i < probabilities.Length; i++)
        {
            var p = probabilities[i];
            if (double.IsNaN(p))
            {
                throw new ArgumentException($"{probabilitiesName}[{i}] is NaN; probabilities must be numbers in [0, 1].", probabilitiesName);
            }

            if (p < 0.0 || p > 1.0)
            {
                throw new ArgumentException(
                    $"{probabilitiesName}[{i}] is {p.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}; " +
                    "probabilities must lie in [0, 1] (apply a sigmoid to logits first).",
                    probabilitiesName);
            }
        }

        return positives;
    }

    /// <summary>Checks labels (0/1) and ranking scores (any real number or infinity, not NaN); returns the positive count.</summary>
    public static int ValidateScores(ReadOnlySpan<int> labels, ReadOnlySpan<double> scores, string scoresName = "scores")
    {
        var positives = ValidateLabels(labels, scores.Length, scoresName);
        for (var i = 0; i < scores.Length; i++)
        {
            if (double.IsNaN(scores[i]))
            {
                throw new ArgumentException($"{scoresName}[{i}] is NaN; scores must be numbers.", scoresName);
            }
        }

        return positives;
    }

    /// <summary>Checks that labels are 0/1 and as many as the values they pair with; returns the positive count.</summary>
    public static int ValidateLabels(ReadOnlySpan<int> labels, int valueCount, string valuesName)
    {
        if (labels.Length != valueCount)
        {
            throw new ArgumentException(
                $"labels and {valuesName} must have the same length (labels: {labels.Length}, {valuesName}: {valueCount}).",
                nameof(labels));
        }

        var positives = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            switch (labels[i])
            {
                case 0:
                    break;
                case 1:
                    positives++;
                    break;
                default:
                    throw new ArgumentException(
                        $"labels[{i}] is {labels[i]}; labels must be 0 (NORMAL) or 1 (PNEUMONIA).", nameof(labels));
            }
        }

        return positives;
    }

    public static void ValidateThreshold(double threshold)
    {
        if (double.IsNaN(threshold))
        {
            throw new ArgumentException("threshold is NaN; it must be a number (cases with probability >= threshold are positive).", nameof(threshold));
        }
    }

    /// <summary>The ratio with 0/0 (and x/0) defined as NaN: a rate over an empty population is undefined, not 0.</summary>
    public static double Ratio(long numerator, long denominator) =>
        denominator == 0 ? double.NaN : numerator / (double)denominator;
}
