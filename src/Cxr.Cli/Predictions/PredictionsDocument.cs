namespace Cxr.Cli.Predictions;

/// <summary>The whole of <c>cxr predict --format json</c>.</summary>
/// <param name="Model">The model that answered.</param>
/// <param name="Results">One row per file, in input order.</param>
/// <param name="Summary">The counts.</param>
internal sealed record PredictionsDocument(PredictionsModel Model, IReadOnlyList<IFileResult> Results, PredictionsSummary Summary);
