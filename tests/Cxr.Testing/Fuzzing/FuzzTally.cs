using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Cxr.Testing.Fuzzing;

/// <summary>
/// Counts a fuzz run's outcomes (e.g. <c>prediction</c>, <c>corrupt</c>, <c>200</c>, <c>422 undecodable-image</c>),
/// keeps every case's time, the slowest case and the failures (with their description, to rebuild them), and knows
/// which case is running now so a watchdog can name a case that hangs. One writer thread; the watchdog only reads.
/// </summary>
public sealed class FuzzTally
{
    private readonly SortedDictionary<string, int> _outcomes = new(StringComparer.Ordinal);
    private readonly List<double> _milliseconds = [];
    private readonly List<(int Index, double Milliseconds)> _byCase = [];
    private readonly List<string> _failures = [];
    private readonly Dictionary<string, string> _firstCase = new(StringComparer.Ordinal);
    private FuzzCase? _current;
    private long _currentStarted;

    /// <summary>Cases recorded so far.</summary>
    public int Cases => _milliseconds.Count;

    /// <summary>Failed cases: index, description and what went wrong.</summary>
    public IReadOnlyList<string> Failures => _failures;

    /// <summary>The longest case time in ms.</summary>
    public double MaxMilliseconds { get; private set; }

    /// <summary>The slowest case's description.</summary>
    public string SlowestCase { get; private set; } = "";

    /// <summary>Marks <paramref name="fuzzCase"/> as running (for <see cref="Running"/>).</summary>
    public void Begin(FuzzCase fuzzCase)
    {
        Volatile.Write(ref _currentStarted, Stopwatch.GetTimestamp());
        Volatile.Write(ref _current, fuzzCase);
    }

    /// <summary>The running case and how long it has run, or null between cases.</summary>
    public (FuzzCase Case, TimeSpan Elapsed)? Running()
    {
        var current = Volatile.Read(ref _current);
        return current is null ? null : (current, Stopwatch.GetElapsedTime(Volatile.Read(ref _currentStarted)));
    }

    /// <summary>Records the running case's outcome and time; <paramref name="failure"/> is null when the outcome is
    /// allowed.</summary>
    public void End(string outcome, string? failure = null)
    {
        var fuzzCase = Volatile.Read(ref _current) ?? throw new InvalidOperationException("No case is running.");
        var ms = Stopwatch.GetElapsedTime(Volatile.Read(ref _currentStarted)).TotalMilliseconds;
        Volatile.Write(ref _current, null);
        _outcomes[outcome] = _outcomes.GetValueOrDefault(outcome) + 1;
        _firstCase.TryAdd(outcome, $"#{fuzzCase.Index} {fuzzCase.Description}");
        _milliseconds.Add(ms);
        _byCase.Add((fuzzCase.Index, ms));
        if (ms > MaxMilliseconds)
        {
            MaxMilliseconds = ms;
            SlowestCase = $"#{fuzzCase.Index} {fuzzCase.Description} ({fuzzCase.Data.Length} bytes)";
        }

        if (failure is not null)
        {
            _failures.Add($"#{fuzzCase.Index} {fuzzCase.Description} ({fuzzCase.Data.Length} bytes): {failure}");
        }
    }

    /// <summary>The cases that took longer than <paramref name="limit"/>: index and time in ms.</summary>
    public IReadOnlyList<(int Index, double Milliseconds)> Slow(TimeSpan limit) =>
        [.. _byCase.Where(c => c.Milliseconds > limit.TotalMilliseconds)];

    /// <summary>The <paramref name="p"/>-th percentile (0..100) of the case times, in ms.</summary>
    public double Percentile(double p)
    {
        if (_milliseconds.Count == 0)
        {
            return 0;
        }

        var sorted = _milliseconds.Order().ToArray();
        return sorted[(int)Math.Clamp(Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    /// <summary>Every outcome and its count, in ordinal order.</summary>
    public IReadOnlyDictionary<string, int> Outcomes => _outcomes;

    /// <summary>One line per fact: counts, each outcome with its first case, times, slowest case.</summary>
    public string Summary()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"cases: {Cases:N0}, failures: {_failures.Count}");
        foreach (var (outcome, count) in _outcomes)
        {
            var first = _firstCase[outcome];
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  {outcome}: {count:N0} ({100.0 * count / Math.Max(1, Cases):F1} %), first {(first.Length > 140 ? first[..140] + "…" : first)}");
        }

        text.AppendLine(CultureInfo.InvariantCulture,
            $"case time ms: p50 {Percentile(50):F2}, p99 {Percentile(99):F2}, p99.9 {Percentile(99.9):F2}, max {MaxMilliseconds:F1}");
        text.Append(CultureInfo.InvariantCulture, $"slowest: {SlowestCase}");
        return text.ToString();
    }
}
