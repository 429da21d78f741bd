namespace Cxr.Core.Evaluation;

/// <summary>Bootstrap confidence intervals keyed by metric name (see <see cref="BootstrapIntervals.MetricNames"/>).</summary>
/// <param name="Intervals">
/// One interval per key of <see cref="BootstrapIntervals.MetricNames"/>, in that order: "accuracy", "precision",
/// "sensitivity", "specificity", "f1", "auc", "averagePrecision", "brier", "ece" (camelCase <see cref="BinaryMetrics"/> names).
/// </param>
public sealed record BootstrapResult(IReadOnlyDictionary<string, ConfidenceInterval> Intervals)
{
    /// <summary>The interval for <paramref name="metric"/>; throws <see cref="KeyNotFoundException"/> for an unknown name.</summary>
    public ConfidenceInterval this[string metric] => Intervals.TryGetValue(metric, out var interval)
        ? interval
        : throw new KeyNotFoundException(
            $"No bootstrap interval named '{metric}'; known: {string.Join(", ", BootstrapIntervals.MetricNames)}.");
}
