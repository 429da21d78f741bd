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
/// <param name="Check">The input guard's verdict; null on failure.</param>
/// <param name="Forced">True when the label is reported even though the guard refused the image (<c>--force</c>).</param>
internal sealed record FileResult(
    string File,
    string? Label,
    double Probability,
    double Threshold,
    double Logit,
    PredictionTimings? Timings,
    string? HeatmapFile,
    string? Error,
    string? ErrorCode,
    InputCheck? Check = null,
    bool Forced = false)
{
    /// <summary>The image was decoded and run through the model.</summary>
    public bool Succeeded => Error is null;

    /// <summary>The guard says this is not a chest X-ray and no <c>--force</c> was given: no label is reported.</summary>
    public bool Refused => Succeeded && Check is { IsChestXray: false } && !Forced;

    /// <summary>A label is reported (predicted, and either accepted by the guard or forced).</summary>
    public bool HasLabel => Succeeded && !Refused;

    /// <summary>The result of a prediction; without <paramref name="force"/> an image the guard refuses keeps no label,
    /// probability or logit (they would read as a finding).</summary>
    public static FileResult From(string file, Prediction prediction, bool force, string? heatmapFile = null) =>
        prediction.InputCheck.IsChestXray || force
            ? new(file, prediction.Label, prediction.Probability, prediction.Threshold, prediction.Logit, prediction.Timings, heatmapFile, null, null,
                prediction.InputCheck, Forced: !prediction.InputCheck.IsChestXray)
            : new(file, null, double.NaN, double.NaN, double.NaN, prediction.Timings, null, null, null, prediction.InputCheck);

    public static FileResult Failed(string file, string error, string code) =>
        new(file, null, double.NaN, double.NaN, double.NaN, null, null, error, code);
}
