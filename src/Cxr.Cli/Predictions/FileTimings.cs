using Cxr.Inference;
using Cxr.Inference.Reporting;

namespace Cxr.Cli.Predictions;

/// <summary>Where the time of one file went, in milliseconds, as <c>cxr predict</c> reports it (see
/// <see cref="PredictionTimings"/> for what each covers).</summary>
internal sealed record FileTimings(double DecodeMs, double PreprocessMs, double InferenceMs, double HeatmapMs, double TotalMs)
{
    public static FileTimings From(PredictionTimings timings) => new(
        Milliseconds.Round(timings.DecodeMs),
        Milliseconds.Round(timings.PreprocessMs),
        Milliseconds.Round(timings.InferenceMs),
        Milliseconds.Round(timings.HeatmapMs),
        Milliseconds.Round(timings.TotalMs));
}
