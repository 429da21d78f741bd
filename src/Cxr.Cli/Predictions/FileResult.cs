using Cxr.Inference;

namespace Cxr.Cli.Predictions;

/// <summary>What became of one input file: a prediction's numbers (the images themselves are not kept, so thousands of
/// files fit in memory), or the reason it failed.</summary>
/// <param name="File">The path as given or found.</param>
/// <param name="Label"><c>NORMAL</c> or <c>PNEUMONIA</c>; null on failure.</param>
/// <param name="Probability">Calibrated P(PNEUMONIA); NaN on failure.</param>
/// <param name="Threshold">Threshold the label was decided at; NaN on failure.</param>
/// <param name="Logit">Uncalibrated logit; NaN on failure.</param>
/// <param name="Timings">Where the time went; null on failure.</param>
/// <param name="HeatmapFile">The overlay PNG written for it, if any.</param>
/// <param name="Error">One plain sentence on failure, else null.</param>
/// <param name="ErrorCode">Stable code: the image error's (<c>unsupported_format</c>, <c>corrupt</c>, ...) or
/// <c>unreadable</c>; null on success.</param>
internal sealed record FileResult(
    string File,
    string? Label,
    double Probability,
    double Threshold,
    double Logit,
    PredictionTimings? Timings,
    string? HeatmapFile,
    string? Error,
    string? ErrorCode)
{
    public bool Succeeded => Error is null;

    public static FileResult From(string file, Prediction prediction, string? heatmapFile = null) =>
        new(file, prediction.Label, prediction.Probability, prediction.Threshold, prediction.Logit, prediction.Timings, heatmapFile, null, null);

    public static FileResult Failed(string file, string error, string code) =>
        new(file, null, double.NaN, double.NaN, double.NaN, null, null, error, code);
}
