namespace Cxr.Core.Evaluation;

/// <summary>All cases that share one distinct score, with how many of them are positive and negative.</summary>
internal readonly record struct ScoreGroup(double Score, int Positives, int Negatives);
