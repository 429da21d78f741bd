namespace Cxr.Core.Evaluation;

/// <summary>
/// The four cells of a binary confusion matrix. Positive class = PNEUMONIA = label 1; a case is predicted positive iff
/// its probability is &gt;= the threshold.
/// </summary>
/// <remarks>
/// Every rate is a ratio of counts; a ratio whose denominator is 0 (for example <see cref="Precision"/> when nothing is
/// predicted positive, or <see cref="Sensitivity"/> when there are no positives) is <see cref="double.NaN"/>, never 0,
/// so an undefined metric cannot pass for a bad one. scikit-learn's <c>zero_division</c> default returns 0 with a
/// warning instead.
/// </remarks>
/// <param name="TruePositives">PNEUMONIA cases predicted PNEUMONIA (&gt;= 0).</param>
/// <param name="FalsePositives">NORMAL cases predicted PNEUMONIA (&gt;= 0).</param>
/// <param name="TrueNegatives">NORMAL cases predicted NORMAL (&gt;= 0).</param>
/// <param name="FalseNegatives">PNEUMONIA cases predicted NORMAL (&gt;= 0).</param>
public readonly record struct ConfusionCounts(int TruePositives, int FalsePositives, int TrueNegatives, int FalseNegatives)
{
    /// <summary>Index of NORMAL (label 0) in <see cref="ToMatrix"/>.</summary>
    public const int NormalIndex = 0;

    /// <summary>Index of PNEUMONIA (label 1) in <see cref="ToMatrix"/>.</summary>
    public const int PneumoniaIndex = 1;

    public int TruePositives { get; init => field = NonNegative(value, nameof(TruePositives)); } = NonNegative(TruePositives, nameof(TruePositives));

    public int FalsePositives { get; init => field = NonNegative(value, nameof(FalsePositives)); } = NonNegative(FalsePositives, nameof(FalsePositives));

    public int TrueNegatives { get; init => field = NonNegative(value, nameof(TrueNegatives)); } = NonNegative(TrueNegatives, nameof(TrueNegatives));

    public int FalseNegatives { get; init => field = NonNegative(value, nameof(FalseNegatives)); } = NonNegative(FalseNegatives, nameof(FalseNegatives));

    /// <summary>Number of cases.</summary>
    public int Total => TruePositives + FalsePositives + TrueNegatives + FalseNegatives;

    /// <summary>Actual PNEUMONIA cases (TP + FN).</summary>
    public int Positives => TruePositives + FalseNegatives;

    /// <summary>Actual NORMAL cases (TN + FP).</summary>
    public int Negatives => TrueNegatives + FalsePositives;

    /// <summary>(TP + TN) / total, in [0, 1]; NaN when there are no cases.</summary>
    public double Accuracy => MetricInput.Ratio(TruePositives + TrueNegatives, Total);

    /// <summary>Positive predictive value TP / (TP + FP), in [0, 1]; NaN when nothing is predicted positive.</summary>
    public double Precision => MetricInput.Ratio(TruePositives, TruePositives + FalsePositives);

    /// <summary>Recall, true positive rate: TP / (TP + FN), in [0, 1]; NaN when there are no positives.</summary>
    public double Sensitivity => MetricInput.Ratio(TruePositives, TruePositives + FalseNegatives);

    /// <summary>True negative rate TN / (TN + FP), in [0, 1]; NaN when there are no negatives.</summary>
    public double Specificity => MetricInput.Ratio(TrueNegatives, TrueNegatives + FalsePositives);

    /// <summary>TN / (TN + FN), in [0, 1]; NaN when nothing is predicted negative.</summary>
    public double NegativePredictiveValue => MetricInput.Ratio(TrueNegatives, TrueNegatives + FalseNegatives);

    /// <summary>
    /// Harmonic mean of precision and recall, computed as 2TP / (2TP + FP + FN), in [0, 1]. It is 0 when there are
    /// positives or positive predictions but no true positives, and NaN only when there are neither (TP = FP = FN = 0).
    /// </summary>
    public double F1 => MetricInput.Ratio(2L * TruePositives, 2L * TruePositives + FalsePositives + FalseNegatives);

    /// <summary>
    /// Counts the cells for <paramref name="threshold"/>: a case is predicted PNEUMONIA iff probability &gt;= threshold.
    /// </summary>
    /// <param name="labels">0 = NORMAL, 1 = PNEUMONIA; same length as <paramref name="probabilities"/>.</param>
    /// <param name="probabilities">P(PNEUMONIA) per case, each in [0, 1].</param>
    /// <param name="threshold">Decision threshold (any number except NaN; usually in (0, 1)).</param>
    /// <exception cref="ArgumentException">Lengths differ, a label is not 0/1, a probability is NaN or outside [0, 1], or the threshold is NaN.</exception>
    public static ConfusionCounts From(ReadOnlySpan<int> labels, ReadOnlySpan<double> probabilities, double threshold)
    {
        MetricInput.ValidateProbabilities(labels, probabilities);
        MetricInput.ValidateThreshold(threshold);
        return Count(labels, probabilities, threshold);
    }

    /// <summary>
    /// The matrix indexed <c>[actual, predicted]</c> with 0 = NORMAL and 1 = PNEUMONIA, i.e. <c>[[TN, FP], [FN, TP]]</c>:
    /// the same layout as scikit-learn's <c>confusion_matrix(y_true, y_pred)</c>, whose <c>ravel()</c> is
    /// <c>tn, fp, fn, tp</c>.
    /// </summary>
    public int[,] ToMatrix()
    {
        var m = new int[2, 2];
        m[NormalIndex, NormalIndex] = TrueNegatives;
        m[NormalIndex, PneumoniaIndex] = FalsePositives;
        m[PneumoniaIndex, NormalIndex] = FalseNegatives;
        m[PneumoniaIndex, PneumoniaIndex] = TruePositives;
        return m;
    }

    internal static ConfusionCounts Count(ReadOnlySpan<int> labels, ReadOnlySpan<double> probabilities, double threshold)
    {
        int tp = 0, fp = 0, tn = 0, fn = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var predictedPositive = probabilities[i] >= threshold;
            if (labels[i] == 1)
            {
                if (predictedPositive)
                {
                    tp++;
                }
                else
                {
                    fn++;
                }
            }
            else if (predictedPositive)
            {
                fp++;
            }
            else
            {
                tn++;
            }
        }

        return new ConfusionCounts(tp, fp, tn, fn);
    }

    private static int NonNegative(int value, string name) =>
        value >= 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} is a count and cannot be negative.");
}
