using Cxr.Core.Imaging;

namespace Cxr.Inference;

/// <summary>Where an original image lies inside the model's <c>S × S</c> input, so a heatmap can be laid back over the
/// original at its own aspect ratio.</summary>
internal static class InputGeometry
{
    /// <summary>The rectangle of the <c>S × S</c> input (in input pixels) that the whole original image was resized into:
    /// the full square for <see cref="ResizeMode.Stretch"/>, the centred content box for <see cref="ResizeMode.Letterbox"/>
    /// (same rounding as <see cref="ImagePipeline.Resize(GrayImage)"/>: half up, at least 1, extra odd padding right/bottom).</summary>
    public static (int X, int Y, int Width, int Height) ContentRect(PreprocessSpec spec, int originalWidth, int originalHeight)
    {
        var size = spec.Size;
        if (spec.Mode != ResizeMode.Letterbox || originalWidth == originalHeight)
        {
            return (0, 0, size, size);
        }

        var (w, h) = originalWidth > originalHeight
            ? (size, (int)Math.Max(1, (((long)originalHeight * size * 2) + originalWidth) / (2L * originalWidth)))
            : ((int)Math.Max(1, (((long)originalWidth * size * 2) + originalHeight) / (2L * originalHeight)), size);
        return ((size - w) / 2, (size - h) / 2, w, h);
    }
}
