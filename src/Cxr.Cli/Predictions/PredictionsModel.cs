using System.Text.Json.Serialization;
using Cxr.Inference;
using Cxr.Inference.Reporting;

namespace Cxr.Cli.Predictions;

/// <summary>The model block of <c>cxr predict --format json</c>: the <see cref="ModelReference"/> the API reports, plus
/// the model's stored threshold and how it was chosen.</summary>
internal sealed record PredictionsModel : ModelReference
{
    public PredictionsModel(ModelInfo model)
        : base(From(model))
    {
        Threshold = model.Threshold;
        ThresholdPolicy = model.ThresholdPolicy;
    }

    /// <summary>The model's stored threshold (a <c>--threshold</c> override shows in each result).</summary>
    [JsonPropertyOrder(1)]
    public double Threshold { get; }

    /// <summary>How the threshold was chosen (<c>youden</c>, <c>sensitivity:0.95</c>).</summary>
    [JsonPropertyOrder(2)]
    public string ThresholdPolicy { get; }
}
