namespace Cxr.Core.Evaluation;

/// <summary>A two-sided interval; both ends NaN when the metric was undefined in every bootstrap resample.</summary>
/// <param name="Lower">Lower percentile of the bootstrap distribution.</param>
/// <param name="Upper">Upper percentile of the bootstrap distribution (&gt;= <paramref name="Lower"/>).</param>
public readonly record struct ConfidenceInterval(double Lower, double Upper)
{
    /// <summary>Whether <paramref name="value"/> lies in [Lower, Upper] (false when either is NaN).</summary>
    public bool Contains(double value) => value >= Lower && value <= Upper;
}
