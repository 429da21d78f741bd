namespace Cxr.Core.Evaluation;

/// <summary>One point of a ROC curve.</summary>
/// <param name="FalsePositiveRate">FP / negatives at this threshold, in [0, 1] (NaN when there are no negatives).</param>
/// <param name="TruePositiveRate">TP / positives (sensitivity), in [0, 1] (NaN when there are no positives).</param>
/// <param name="Threshold">Cases with score &gt;= this are positive; +∞ for the (0, 0) starting point.</param>
public readonly record struct RocPoint(double FalsePositiveRate, double TruePositiveRate, double Threshold);
