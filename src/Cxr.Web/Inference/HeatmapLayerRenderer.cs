using Cxr.Inference;

namespace Cxr.Web.Inference;

/// <summary>
/// Renders a heatmap as a bare colour layer (no X-ray underneath, no legend): an opaque <c>S × S</c> PNG in the Turbo
/// colour map, pixel (x, y) = <see cref="Heatmap.Values"/>[x, y]. The page stacks it over the user's own image and
/// controls its opacity, which the composed overlay of <see cref="HeatmapRenderer"/> cannot offer.
/// </summary>
public static class HeatmapLayerRenderer
{
    /// <summary>PNG bytes of the colour layer (8-bit RGB: the layer is opaque, the page sets its opacity).</summary>
    public static byte[] RenderPng(Heatmap heatmap)
    {
        ArgumentNullException.ThrowIfNull(heatmap);
        var values = heatmap.Values;
        var rgb = new byte[values.Length * 3];
        for (var i = 0; i < values.Length; i++)
        {
            // The predictor's own colour map, so the page's layer and the overlay PNG agree.
            var (r, g, b) = TurboColorMap.Color(values[i]);
            rgb[i * 3] = r;
            rgb[(i * 3) + 1] = g;
            rgb[(i * 3) + 2] = b;
        }

        // PngWriter rather than SkiaSharp's encoder, which is 10-20x slower and runs inside the web request.
        return PngWriter.EncodeRgb(rgb, heatmap.Width, heatmap.Height);
    }
}
