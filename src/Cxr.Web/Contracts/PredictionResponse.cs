using System.Text.Json.Serialization;
using Cxr.Inference;
using Cxr.Inference.Reporting;

namespace Cxr.Web.Contracts;

/// <summary>The model's answer for one image: the shared <see cref="PredictionReport"/> fields (label, probability,
/// threshold, input check, warning), plus what only the API reports.</summary>
public sealed record PredictionResponse : PredictionReport
{
    /// <summary>The answer for <paramref name="prediction"/>.</summary>
    public PredictionResponse(Prediction prediction, ModelReference model, string? heatmapPng, PredictionTimingsMs timingsMs, ImageSummary image, string? fileName)
        : base(prediction)
    {
        Model = model;
        HeatmapPng = heatmapPng;
        TimingsMs = timingsMs;
        Image = image;
        FileName = fileName;
    }

    /// <summary>The model that answered.</summary>
    [JsonPropertyOrder(10)]
    public ModelReference Model { get; }

    /// <summary>Base64 PNG of the class-activation heatmap over the model's input image (<c>Size × Size</c> pixels);
    /// present only with <c>heatmap=true</c> and a model that has a heatmap output.</summary>
    [JsonPropertyOrder(11)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? HeatmapPng { get; }

    /// <summary>Where the time went.</summary>
    [JsonPropertyOrder(12)]
    public PredictionTimingsMs TimingsMs { get; }

    /// <summary>What was decoded.</summary>
    [JsonPropertyOrder(13)]
    public ImageSummary Image { get; }

    /// <summary>The uploaded file's name (multipart uploads only).</summary>
    [JsonPropertyOrder(14)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FileName { get; }
}
