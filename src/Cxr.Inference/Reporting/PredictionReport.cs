using System.Text.Json.Serialization;

namespace Cxr.Inference.Reporting;

/// <summary>
/// The model's answer for one image as every surface reports it: the fields the command line's JSON and CSV and the
/// API's JSON have in common, made from a <see cref="Prediction"/> in one place so they cannot disagree. Each surface
/// derives its own document from it and adds what only it has (a file path, a heatmap, its timings).
/// </summary>
/// <remarks>JSON order: the shared fields take orders 1-3, 5 and 20-21; a derived document puts its own fields before
/// (0), between (4, 6-19) or after them (30 on), so both documents keep the order they always had. <see cref="MemberSpread"/>
/// is written only for an ensemble, so a single model's documents are as they were.</remarks>
public abstract record PredictionReport
{
    /// <summary>The shared fields of <paramref name="prediction"/>. A derived document exists only for an image that
    /// passed the input guard or was forced past it, so a failed check always means forced and gets the warning.</summary>
    protected PredictionReport(Prediction prediction)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        Label = prediction.Label;
        Probability = prediction.Probability;
        Threshold = prediction.Threshold;
        MemberSpread = prediction.MemberSpread;
        InputCheck = InputCheckReport.From(prediction.InputCheck);
        Warning = prediction.InputCheck.IsChestXray ? null : InputCheckMessages.Forced(prediction.InputCheck.Message);
    }

    /// <summary>Decision at the threshold: <c>PNEUMONIA</c> when the probability ≥ threshold, else <c>NORMAL</c>.</summary>
    [JsonPropertyOrder(1)]
    [JsonRequired]
    public string Label { get; init; }

    /// <summary>Calibrated probability of PNEUMONIA, in [0, 1].</summary>
    [JsonPropertyOrder(2)]
    [JsonRequired]
    public double Probability { get; init; }

    /// <summary>The threshold the label was decided at, in [0, 1]: the model's, or the caller's override.</summary>
    [JsonPropertyOrder(3)]
    [JsonRequired]
    public double Threshold { get; init; }

    /// <summary>An ensemble's disagreement in [0, 0.5]: the population standard deviation over its members of their
    /// calibrated probabilities; absent for a single model.</summary>
    [JsonPropertyOrder(5)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? MemberSpread { get; init; }

    /// <summary>The input guard's verdict. An image it refuses gets no answer unless forced, so <c>isChestXray</c> is
    /// false only for forced predictions.</summary>
    [JsonPropertyOrder(20)]
    [JsonRequired]
    public InputCheckReport InputCheck { get; init; }

    /// <summary>Set when the image was forced past the input guard: the label is then not a finding.</summary>
    [JsonPropertyOrder(21)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Warning { get; init; }

    /// <summary>True when the label was reported although the input guard refused the image.</summary>
    [JsonIgnore]
    public bool Forced => !InputCheck.IsChestXray;
}
