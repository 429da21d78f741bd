namespace Cxr.Inference;

/// <summary>Turns a model's raw <c>h × w</c> class-activation grid into a <see cref="Heatmap"/> of the input size.</summary>
internal static class HeatmapUpsampler
{
    /// <summary>A grid whose range is at most this (relative to its magnitude) is flat: float noise, not a signal.</summary>
    public static float FlatTolerance(float min, float max) => 1e-6f * Math.Max(1f, Math.Max(Math.Abs(min), Math.Abs(max)));

    /// <summary>Bilinear upsampling of <paramref name="grid"/> (<c>gridHeight × gridWidth</c>) to <c>size × size</c>,
    /// min-max normalised over the grid; all zeros for a flat or non-finite grid.</summary>
    public static Heatmap Create(float[] grid, int gridWidth, int gridHeight, int size)
    {
        var min = float.PositiveInfinity;
        var max = float.NegativeInfinity;
        foreach (var v in grid)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        var values = new float[size * size];
        var range = max - min;
        if (float.IsFinite(range) && range > FlatTolerance(min, max))
        {
            var scale = 1f / range;
            var normalised = new float[grid.Length];
            for (var i = 0; i < grid.Length; i++)
            {
                normalised[i] = (grid[i] - min) * scale;
            }

            Resample(normalised, gridWidth, gridHeight, values, size, size);
        }

        return new Heatmap(size, size, values, gridWidth, gridHeight, grid, min, max);
    }

    /// <summary>Bilinear resampling with half-pixel centres and clamped edges: output pixel x samples the source at
    /// <c>(x + 0.5) · sw / dw − 0.5</c>. Values stay within the source's range.</summary>
    public static void Resample(float[] source, int sourceWidth, int sourceHeight, float[] destination, int width, int height)
    {
        Span<int> x0 = width <= 1024 ? stackalloc int[width] : new int[width];
        Span<float> fx = width <= 1024 ? stackalloc float[width] : new float[width];
        for (var x = 0; x < width; x++)
        {
            (x0[x], fx[x]) = Position(x, width, sourceWidth);
        }

        for (var y = 0; y < height; y++)
        {
            var (y0, fy) = Position(y, height, sourceHeight);
            var y1 = Math.Min(y0 + 1, sourceHeight - 1);
            var top = source.AsSpan(y0 * sourceWidth, sourceWidth);
            var bottom = source.AsSpan(y1 * sourceWidth, sourceWidth);
            var row = destination.AsSpan(y * width, width);
            for (var x = 0; x < width; x++)
            {
                var left = x0[x];
                var right = Math.Min(left + 1, sourceWidth - 1);
                var t = top[left] + ((top[right] - top[left]) * fx[x]);
                var b = bottom[left] + ((bottom[right] - bottom[left]) * fx[x]);
                row[x] = t + ((b - t) * fy);
            }
        }
    }

    /// <summary>The normalised map at continuous input-pixel position (u, v).</summary>
    public static float SampleNormalised(Heatmap heatmap, double u, double v)
    {
        var range = heatmap.GridMax - heatmap.GridMin;
        if (heatmap.IsFlat)
        {
            return 0f;
        }

        var gx = Math.Clamp((u * heatmap.GridWidth / heatmap.Width) - 0.5, 0, heatmap.GridWidth - 1);
        var gy = Math.Clamp((v * heatmap.GridHeight / heatmap.Height) - 0.5, 0, heatmap.GridHeight - 1);
        var x0 = (int)gx;
        var y0 = (int)gy;
        var x1 = Math.Min(x0 + 1, heatmap.GridWidth - 1);
        var y1 = Math.Min(y0 + 1, heatmap.GridHeight - 1);
        var fx = gx - x0;
        var fy = gy - y0;
        var g = heatmap.Grid;
        var w = heatmap.GridWidth;
        var top = g[(y0 * w) + x0] + ((g[(y0 * w) + x1] - g[(y0 * w) + x0]) * fx);
        var bottom = g[(y1 * w) + x0] + ((g[(y1 * w) + x1] - g[(y1 * w) + x0]) * fx);
        var value = top + ((bottom - top) * fy);
        return (float)Math.Clamp((value - heatmap.GridMin) / range, 0, 1);
    }

    // Source index and fraction for destination pixel i, half-pixel centres, clamped at both edges.
    private static (int Index, float Fraction) Position(int i, int destinationLength, int sourceLength)
    {
        var s = ((i + 0.5) * sourceLength / destinationLength) - 0.5;
        if (s <= 0)
        {
            return (0, 0f);
        }

        if (s >= sourceLength - 1)
        {
            return (sourceLength - 1, 0f);
        }

        var index = (int)s;
        return (index, (float)(s - index));
    }
}
