using System.Text.Json.Serialization;
using Cxr.Inference;
using Cxr.Inference.Reporting;

namespace Cxr.Cli.Predictions;

/// <summary>A file the model answered for: the shared <see cref="PredictionReport"/> fields, as the API reports them,
/// plus the file, the logit, the timings and the heatmap written for it.</summary>
internal sealed record FilePrediction : PredictionReport, IFileResult
{
    public FilePrediction(string file, Prediction prediction)
        : base(prediction)
    {
        File = file;
        Logit = prediction.Logit;
        Timings = FileTimings.From(prediction.Timings);
    }

    /// <inheritdoc />
    [JsonPropertyOrder(0)]
    public string File { get; }

    /// <summary>The uncalibrated logit (PNEUMONIA positive).</summary>
    [JsonPropertyOrder(4)]
    public double Logit { get; }

    /// <summary>Where the time went.</summary>
    [JsonPropertyOrder(30)]
    public FileTimings Timings { get; }

    /// <summary>The overlay PNG written for the file (<c>--heatmaps</c>), if any.</summary>
    [JsonPropertyOrder(31)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Heatmap { get; init; }

    /// <summary>The DICOM objects written for the file (<c>--dicom-out</c>): the Secondary Capture, then the SR.</summary>
    [JsonPropertyOrder(32)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? DicomObjects { get; init; }

    /// <summary>Why no DICOM objects were written although <c>--dicom-out</c> was given (the input is not DICOM).</summary>
    [JsonPropertyOrder(33)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DicomSkipped { get; init; }
}
