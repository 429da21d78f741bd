namespace Cxr.Web.Inference;

/// <summary>Which heatmap picture a prediction response carries.</summary>
public enum HeatmapKind
{
    /// <summary>No heatmap (the default: it costs time and bytes).</summary>
    None,

    /// <summary>The composed overlay from <c>HeatmapRenderer</c>: colours over the model's input image, with a legend.</summary>
    Overlay,

    /// <summary>The bare colour layer from <see cref="HeatmapLayerRenderer"/>, for clients that compose it themselves.</summary>
    Layer,
}
