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

    public static IReadOnlyList<string> Plots { get; } = [ConfusionMatrix, Roc, PrecisionRecall, Calibration];
}
