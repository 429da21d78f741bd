namespace Cxr.Core.Evaluation;

/// <summary>One equal-width probability bin of a reliability diagram.</summary>
/// <param name="Lower">Inclusive lower edge in [0, 1].</param>
/// <param name="Upper">Exclusive upper edge, except the last bin which also holds p = 1.0.</param>
/// <param name="Count">Cases whose probability falls in the bin (&gt;= 0).</param>
/// <param name="MeanProbability">Mean predicted P(PNEUMONIA) in the bin; NaN when the bin is empty.</param>
/// <param name="FractionPositive">Observed fraction of PNEUMONIA cases in the bin; NaN when the bin is empty.</param>
public readonly record struct ReliabilityBin(double Lower, double Upper, int Count, double MeanProbability, double FractionPositive);
