namespace Cxr.Cli.Evaluation;

/// <summary>The files <c>cxr evaluate</c> writes into its output folder.</summary>
internal static class EvaluationFiles
{
    public const string Metrics = "metrics.json";
    public const string Report = "report.md";
    public const string ConfusionMatrix = "confusion_matrix.png";
    public const string Roc = "roc.png";
    public const string PrecisionRecall = "precision_recall.png";
    public const string Calibration = "calibration.png";
    public const string Robustness = "robustness.png";

    /// <summary>The figures every evaluation writes.</summary>
    public static IReadOnlyList<string> Plots { get; } = [ConfusionMatrix, Roc, PrecisionRecall, Calibration];

    /// <summary>The figures <paramref name="result"/> writes: <see cref="Plots"/>, and <see cref="Robustness"/> with a
    /// robustness table.</summary>
    public static IReadOnlyList<string> Figures(EvaluationResult result) =>
        result.Robustness is null ? Plots : [.. Plots, Robustness];
}
