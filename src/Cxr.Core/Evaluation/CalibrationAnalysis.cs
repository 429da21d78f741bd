namespace Cxr.Core.Evaluation;

/// <summary>How well predicted probabilities of PNEUMONIA match observed frequencies. O(n) each.</summary>
public static class CalibrationAnalysis
{
    /// <summary>Mean squared error between probability and label: (1/n) Σ (pᵢ − yᵢ)², in [0, 1]; NaN for no cases.</summary>
    /// <exception cref="ArgumentException">Lengths differ, a label is not 0/1, or a probability is NaN or outside [0, 1].</exception>
    public static double BrierScore(ReadOnlySpan<int> labels, ReadOnlySpan<double> probabilities)
    {
        MetricInput.ValidateProbabilities(labels, probabilities);
        if (labels.IsEmpty)
        {
            return double.NaN;
        }

        double sum = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var d = probabilities[i] - labels[i];
            sum += d * d;
        }

        return sum / labels.Length;
    }

    /// <summary>
    /// Expected calibration error: Σₖ (nₖ / n) · |mean probability in bin k − fraction positive in bin k| over
    /// <paramref name="bins"/> equal-width bins [k/B, (k+1)/B) on [0, 1]; p = 1.0 goes in the last bin and empty bins
    /// contribute nothing. In [0, 1]; NaN for no cases.
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ, a label is not 0/1, or a probability is NaN or outside [0, 1].</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bins"/> is less than 1.</exception>
    public static double ExpectedCalibrationError(ReadOnlySpan<int> labels, ReadOnlySpan<double> probabilities, int bins = 10)
    {
        var table = ReliabilityBins(labels, probabilities, bins);
        if (labels.IsEmpty)
        {
            return double.NaN;
        }

        double ece = 0;
        foreach (var bin in table)
        {
            if (bin.Count > 0)
            {
                ece += bin.Count / (double)labels.Length * Math.Abs(bin.MeanProbability - bin.FractionPositive);
            }
        }

        return ece;
    }

    /// <summary>
    /// The reliability-diagram table: exactly <paramref name="bins"/> equal-width bins on [0, 1] in increasing order,
    /// empty ones included (with NaN means). Bin k is [k/B, (k+1)/B); p = 1.0 goes in the last bin, and a probability
    /// equal to an edge k/B goes in bin k.
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ, a label is not 0/1, or a probability is NaN or outside [0, 1].</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bins"/> is less than 1.</exception>
    public static IReadOnlyList<ReliabilityBin> ReliabilityBins(ReadOnlySpan<int> labels, ReadOnlySpan<double> probabilities, int bins = 10)
    {
        MetricInput.ValidateProbabilities(labels, probabilities);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);

        var counts = new int[bins];
        var sumProbability = new double[bins];
        var positives = new int[bins];
        for (var i = 0; i < labels.Length; i++)
        {
            var k = BinIndex(probabilities[i], bins);
            counts[k]++;
            sumProbability[k] += probabilities[i];
            positives[k] += labels[i];
        }

        var table = new ReliabilityBin[bins];
        for (var k = 0; k < bins; k++)
        {
            table[k] = new ReliabilityBin(
                Edge(k, bins),
                Edge(k + 1, bins),
                counts[k],
                counts[k] == 0 ? double.NaN : sumProbability[k] / counts[k],
                MetricInput.Ratio(positives[k], counts[k]));
        }

        return table;
    }

    /// <summary>
    /// The bin holding <paramref name="p"/>, consistent with the reported edges: floor(p·B) can be off by one when p·B
    /// rounds across an integer, so the estimate is corrected against the same <see cref="Edge"/> values.
    /// </summary>
    internal static int BinIndex(double p, int bins)
    {
        var k = Math.Min((int)(p * bins), bins - 1);
        if (k > 0 && p < Edge(k, bins))
        {
            k--;
        }
        else if (k < bins - 1 && p >= Edge(k + 1, bins))
        {
            k++;
        }

        return k;
    }

    private static double Edge(int k, int bins) => k / (double)bins;
}
