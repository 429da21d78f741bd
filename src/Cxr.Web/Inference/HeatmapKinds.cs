using Cxr.Web.Problems;

namespace Cxr.Web.Inference;

/// <summary>Parses the <c>heatmap</c> and <c>heatmapStyle</c> query parameters.</summary>
public static class HeatmapKinds
{
    /// <summary>The kind asked for; <paramref name="style"/> is <c>overlay</c> (default) or <c>layer</c>.</summary>
    /// <exception cref="ApiProblemException">400 for an unknown style.</exception>
    public static HeatmapKind Parse(bool? heatmap, string? style)
    {
        if (heatmap != true)
        {
            return HeatmapKind.None;
        }

        return style?.ToLowerInvariant() switch
        {
            null or "" or "overlay" => HeatmapKind.Overlay,
            "layer" => HeatmapKind.Layer,
            _ => throw new ApiProblemException(ProblemTypes.InvalidRequest, $"heatmapStyle must be \"overlay\" or \"layer\"; got \"{style}\"."),
        };
    }
}
