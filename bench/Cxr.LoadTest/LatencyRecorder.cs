using System.Collections.Concurrent;
using System.Globalization;

namespace Cxr.LoadTest;

/// <summary>Collects per-request latencies (ms) and status codes from many threads; summarises them.</summary>
internal sealed class LatencyRecorder
{
    private readonly ConcurrentBag<double> _latencies = [];
    private readonly ConcurrentDictionary<int, int> _statuses = new();

    public void Record(int status, double milliseconds)
    {
        _statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
        if (status == 200)
        {
            _latencies.Add(milliseconds);
        }
    }

    public int Count => _statuses.Values.Sum();

    public IReadOnlyDictionary<int, int> Statuses => _statuses;

    /// <summary>Percentile of the 200 responses' latencies (nearest rank), ms; NaN when there are none.</summary>
    public double Percentile(double p)
    {
        var sorted = _latencies.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public string StatusSummary() => string.Join(" ", _statuses.OrderBy(s => s.Key).Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key}:{s.Value}")));
}
