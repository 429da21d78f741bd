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
    // Same Turbo polynomial (Google, 2019) as Cxr.Inference's overlay, so the page and the overlay PNG agree.
    private static readonly uint[] Palette = BuildPalette();

    /// <summary>PNG bytes of the colour layer.</summary>
    public static byte[] RenderPng(Heatmap heatmap)
    {
        ArgumentNullException.ThrowIfNull(heatmap);
        var pixels = new uint[heatmap.Values.Length];
        for (var i = 0; i < pixels.Length; i++)
        {
            var v = heatmap.Values[i];
            pixels[i] = Palette[float.IsNaN(v) ? 0 : (int)MathF.Round(Math.Clamp(v, 0f, 1f) * 255f)];
        }

        var info = new SKImageInfo(heatmap.Width, heatmap.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var bitmap = new SKBitmap(info);
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(pixels.AsSpan()).CopyTo(bitmap.GetPixelSpan());
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static uint[] BuildPalette()
    {
        var palette = new uint[256];
        for (var i = 0; i < palette.Length; i++)
        {
            var x = i / 255.0;
            var r = 0.13572138 + (x * (4.61539260 + (x * (-42.66032258 + (x * (132.13108234 + (x * (-152.94239396 + (x * 59.28637943)))))))));
            var g = 0.09140261 + (x * (2.19418839 + (x * (4.84296658 + (x * (-14.18503333 + (x * (4.27729857 + (x * 2.82956604)))))))));
            var b = 0.10667330 + (x * (12.64194608 + (x * (-60.58204836 + (x * (110.36276771 + (x * (-89.90310912 + (x * 27.34824973)))))))));
            // RGBA bytes in memory order on a little-endian machine: R in the low byte, alpha 255 in the high byte.
            palette[i] = ToByte(r) | ((uint)ToByte(g) << 8) | ((uint)ToByte(b) << 16) | 0xFF000000u;
        }

        return palette;
    }

    private static byte ToByte(double channel) => (byte)Math.Round(Math.Clamp(channel, 0, 1) * 255);
}
