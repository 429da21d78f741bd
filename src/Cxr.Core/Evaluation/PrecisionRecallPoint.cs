namespace Cxr.Core.Evaluation;

/// <summary>One point of a precision–recall curve.</summary>
/// <param name="Recall">TP / positives at this threshold, in [0, 1] (NaN when there are no positives).</param>
/// <param name="Precision">TP / (TP + FP) at this threshold, in [0, 1]; 1 by convention at the +∞ starting point.</param>
/// <param name="Threshold">Cases with score &gt;= this are positive; +∞ for the (recall 0, precision 1) starting point.</param>
public readonly record struct PrecisionRecallPoint(double Recall, double Precision, double Threshold);
