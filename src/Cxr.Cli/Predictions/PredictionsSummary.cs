using Cxr.Core.Contracts;

namespace Cxr.Cli.Predictions;

/// <summary>The counts of <c>cxr predict --format json</c>.</summary>
/// <param name="Files">Files given or found.</param>
/// <param name="Predicted">Files with a label (accepted by the input guard, or forced).</param>
/// <param name="Refused">Files the input guard refused, without a label.</param>
/// <param name="Failed">Files that could not be predicted.</param>
/// <param name="Pneumonia">Labels PNEUMONIA.</param>
/// <param name="Normal">Labels NORMAL.</param>
internal sealed record PredictionsSummary(int Files, int Predicted, int Refused, int Failed, int Pneumonia, int Normal)
{
    public static PredictionsSummary From(IReadOnlyList<IFileResult> results)
    {
        var predicted = results.OfType<FilePrediction>().ToList();
        return new(
            results.Count,
            predicted.Count,
            results.Count(r => r is FileRefusal),
            results.Count(r => r is FileFailure),
            predicted.Count(p => p.Label == ClassLabels.Pneumonia),
            predicted.Count(p => p.Label == ClassLabels.Normal));
    }
}
