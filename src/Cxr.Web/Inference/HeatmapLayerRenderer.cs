using Cxr.Inference;
using SkiaSharp;

namespace Cxr.Web.Inference;

/// <summary>
/// Renders a heatmap as a bare colour layer (no X-ray underneath, no legend): an opaque <c>S × S</c> PNG in the Turbo
/// colour map, pixel (x, y) = <see cref="Heatmap.Values"/>[x, y]. The page stacks it over the user's own image and
/// controls its opacity, which the composed overlay of <see cref="HeatmapRenderer"/> cannot offer.
/// </summary>
public static class HeatmapLayerRenderer
{
    /// <summary>PNG bytes of the colour layer.</summary>
    public static byte[] RenderPng(Heatmap heatmap)
    {
        ArgumentNullException.ThrowIfNull(heatmap);
        var pixels = new uint[heatmap.Values.Length];
        for (var i = 0; i < pixels.Length; i++)
        {
            // The predictor's own colour map, so the page's layer and the overlay PNG agree. RGBA bytes in memory order
            // on a little-endian machine: R in the low byte, alpha 255 in the high byte.
            var (r, g, b) = TurboColorMap.Color(heatmap.Values[i]);
            pixels[i] = r | ((uint)g << 8) | ((uint)b << 16) | 0xFF000000u;
        }

        var info = new SKImageInfo(heatmap.Width, heatmap.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var bitmap = new SKBitmap(info);
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(pixels.AsSpan()).CopyTo(bitmap.GetPixelSpan());
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
