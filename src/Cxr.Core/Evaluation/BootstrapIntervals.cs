using System.Collections.ObjectModel;
using System.Runtime.InteropServices;

namespace Cxr.Core.Evaluation;

/// <summary>
/// Seeded percentile-bootstrap confidence intervals for the <see cref="BinaryMetrics"/> at a fixed threshold.
/// </summary>
/// <remarks>
/// <para>
/// Each iteration draws cases with replacement (as many draws as there are cases) and recomputes every metric. With
/// <c>groups</c> (for example a patient id per image) whole groups are drawn instead, as many draws as there are
/// distinct groups, and every case of a drawn group enters the resample: images of one patient are correlated, so
/// resampling them independently would give intervals that are too narrow.
/// </para>
/// <para>
/// Resamples in which a metric is undefined (NaN, e.g. AUC with one class drawn) are left out of that metric's
/// distribution; if it is undefined in all of them its interval is (NaN, NaN). The interval ends are the
/// (1 − confidence)/2 and (1 + confidence)/2 percentiles with linear interpolation (NumPy's default). Percentile
/// intervals of a biased statistic inherit its bias: ECE of a well-calibrated model is inflated by resampling noise,
/// so its interval can sit above the point estimate.
/// </para>
/// <para>
/// The same inputs and seed give the same intervals on every run and platform (<see cref="Random(int)"/> is a fixed
/// algorithm). Cost: iterations × O(n log n).
/// </para>
/// </remarks>
public static class BootstrapIntervals
{
    /// <summary>The keys of <see cref="BootstrapResult.Intervals"/>, in order.</summary>
    public static IReadOnlyList<string> MetricNames { get; } = Array.AsReadOnly(
        ["accuracy", "precision", "sensitivity", "specificity", "f1", "auc", "averagePrecision", "brier", "ece"]);

    /// <summary>Computes the intervals.</summary>
    /// <param name="labels">0 = NORMAL, 1 = PNEUMONIA; at least one case.</param>
    /// <param name="probabilities">P(PNEUMONIA) per case, each in [0, 1].</param>
    /// <param name="threshold">Fixed decision threshold (choose it on other data).</param>
    /// <param name="iterations">Number of resamples, &gt;= 1.</param>
    /// <param name="seed">Seed of the resampling generator.</param>
    /// <param name="confidence">Coverage in (0, 1), e.g. 0.95.</param>
    /// <param name="groups">Optional group key per case (same length, no nulls); resampling then draws whole groups.</param>
    /// <exception cref="ArgumentException">Invalid labels/probabilities/threshold, no cases, or groups of the wrong length or with nulls.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="iterations"/> &lt; 1 or <paramref name="confidence"/> not in (0, 1).</exception>
    public static BootstrapResult Compute(
        ReadOnlySpan<int> labels,
        ReadOnlySpan<double> probabilities,
        double threshold,
        int iterations = 1000,
        int seed = 42,
        double confidence = 0.95,
        IReadOnlyList<string>? groups = null)
    {
        MetricInput.ValidateProbabilities(labels, probabilities);
        MetricInput.ValidateThreshold(threshold);
        if (labels.IsEmpty)
        {
            throw new ArgumentException("Bootstrap intervals need at least one case.", nameof(labels));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        if (!(confidence > 0.0 && confidence < 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "confidence must be in (0, 1), e.g. 0.95.");
        }

        var members = GroupMembers(groups, labels.Length);
        var rng = new Random(seed);
        var distributions = new List<double>[MetricNames.Count];
        for (var m = 0; m < distributions.Length; m++)
        {
            distributions[m] = new List<double>(iterations);
        }

        var indices = new List<int>(labels.Length);
        var sampleLabels = new List<int>(labels.Length);
        var sampleProbabilities = new List<double>(labels.Length);
        for (var it = 0; it < iterations; it++)
        {
            DrawResample(rng, members, indices);
            sampleLabels.Clear();
            sampleProbabilities.Clear();
            foreach (var i in indices)
            {
                sampleLabels.Add(labels[i]);
                sampleProbabilities.Add(probabilities[i]);
            }

            var metrics = BinaryMetrics.Compute(
                CollectionsMarshal.AsSpan(sampleLabels), CollectionsMarshal.AsSpan(sampleProbabilities), threshold);
            Span<double> values =
            [
                metrics.Accuracy, metrics.Precision, metrics.Sensitivity, metrics.Specificity, metrics.F1,
                metrics.Auc, metrics.AveragePrecision, metrics.Brier, metrics.Ece,
            ];
            for (var m = 0; m < values.Length; m++)
            {
                if (!double.IsNaN(values[m]))
                {
                    distributions[m].Add(values[m]);
                }
            }
        }

        var alpha = 1.0 - confidence;
        var intervals = new OrderedDictionary<string, ConfidenceInterval>(MetricNames.Count, StringComparer.Ordinal);
        for (var m = 0; m < MetricNames.Count; m++)
        {
            var sorted = distributions[m];
            sorted.Sort();
            intervals.Add(MetricNames[m], new ConfidenceInterval(Percentile(sorted, alpha / 2), Percentile(sorted, 1 - alpha / 2)));
        }

        return new BootstrapResult(new ReadOnlyDictionary<string, ConfidenceInterval>(intervals));
    }

    /// <summary>
    /// Case indices per resampling unit: one unit per case without groups, else one per distinct key in order of first
    /// appearance (so the draw sequence, and the result, does not depend on hashing).
    /// </summary>
    internal static int[][] GroupMembers(IReadOnlyList<string>? groups, int count)
    {
        if (groups is null)
        {
            var singles = new int[count][];
            for (var i = 0; i < count; i++)
            {
                singles[i] = [i];
            }

            return singles;
        }

        if (groups.Count != count)
        {
            throw new ArgumentException(
                $"groups must have one key per case (cases: {count}, groups: {groups.Count}).", nameof(groups));
        }

        var unitOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var units = new List<List<int>>();
        for (var i = 0; i < count; i++)
        {
            var key = groups[i] ?? throw new ArgumentException($"groups[{i}] is null; every case needs a group key.", nameof(groups));
            if (!unitOf.TryGetValue(key, out var unit))
            {
                unit = units.Count;
                unitOf.Add(key, unit);
                units.Add([]);
            }

            units[unit].Add(i);
        }

        return [.. units.Select(u => u.ToArray())];
    }

    /// <summary>Fills <paramref name="indices"/> with one bootstrap resample: as many unit draws as units, with replacement.</summary>
    internal static void DrawResample(Random rng, int[][] members, List<int> indices)
    {
        indices.Clear();
        for (var d = 0; d < members.Length; d++)
        {
            indices.AddRange(members[rng.Next(members.Length)]);
        }
    }

    /// <summary>Linear-interpolation percentile of an ascending list (NumPy "linear"); NaN when the list is empty.</summary>
    internal static double Percentile(List<double> sorted, double q)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var h = (sorted.Count - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
