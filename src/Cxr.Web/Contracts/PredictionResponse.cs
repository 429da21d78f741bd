using System.Text.Json.Serialization;

namespace Cxr.Web.Contracts;

/// <summary>The model's answer for one image.</summary>
/// <param name="Label">Decision at <paramref name="Threshold"/>: <c>PNEUMONIA</c> when
/// <paramref name="Probability"/> ≥ threshold, else <c>NORMAL</c>.</param>
/// <param name="Probability">Calibrated probability of PNEUMONIA, in [0, 1].</param>
/// <param name="Threshold">The model's operating threshold, in [0, 1].</param>
/// <param name="Model">The model that answered.</param>
/// <param name="HeatmapPng">Base64 PNG of the class-activation heatmap over the model's input image
/// (<c>Size × Size</c> pixels); present only with <c>heatmap=true</c> and a model that has a heatmap output.</param>
/// <param name="TimingsMs">Where the time went.</param>
/// <param name="Image">What was decoded.</param>
/// <param name="FileName">The uploaded file's name (multipart uploads only).</param>
/// <param name="InputCheck">The input guard's verdict. Without <c>force=true</c> a refused image never gets here (it is
/// a 422 <c>not-a-chest-xray</c> problem), so <c>isChestXray</c> is false only for forced predictions.</param>
/// <param name="Warning">Set when the image was forced past the input guard: the label is then not a finding.</param>
public sealed record PredictionResponse(
    string Label,
    double Probability,
    double Threshold,
    ModelReference Model,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? HeatmapPng,
    PredictionTimingsMs TimingsMs,
    ImageSummary Image,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? FileName,
    InputCheckResponse InputCheck,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Warning);
