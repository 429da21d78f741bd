namespace Cxr.Inference;

/// <summary>
/// A class-activation heatmap: where the model's evidence for PNEUMONIA lies in the image it saw.
/// </summary>
/// <remarks>
/// <para><see cref="Grid"/> is the model's raw map, <c>GridHeight × GridWidth</c> in logit units (its mean is the
/// logit). <see cref="Values"/> is that grid upsampled bilinearly to the model input's <c>Height × Width</c> (half-pixel
/// centres, edges clamped, like <c>align_corners=False</c>) and min-max normalised over the grid:
/// <c>(v − GridMin) / (GridMax − GridMin)</c>, so 1 marks the strongest and 0 the weakest evidence <em>in this
/// image</em>; it says nothing about the absolute level (compare <see cref="Prediction.Probability"/>). A flat grid
/// (no spatial preference) gives all zeros.</para>
/// <para>Pixel (x, y) of <see cref="Values"/> covers pixel (x, y) of <see cref="Cxr.Core.Imaging.PreprocessedImage.Resized"/>.</para>
/// </remarks>
public sealed class Heatmap
{
    internal Heatmap(int width, int height, float[] values, int gridWidth, int gridHeight, float[] grid, float gridMin, float gridMax)
    {
        Width = width;
        Height = height;
        Values = values;
        GridWidth = gridWidth;
        GridHeight = gridHeight;
        Grid = grid;
        GridMin = gridMin;
        GridMax = gridMax;
    }

    /// <summary>Width of <see cref="Values"/>: the model's input size S.</summary>
    public int Width { get; }

    /// <summary>Height of <see cref="Values"/>: the model's input size S.</summary>
    public int Height { get; }

    /// <summary>Row-major <c>Width × Height</c> values in [0, 1] (see the remarks).</summary>
    public float[] Values { get; }

    /// <summary>Width w of the model's grid (e.g. 14 for CxrNet at 224 px).</summary>
    public int GridWidth { get; }

    /// <summary>Height h of the model's grid.</summary>
    public int GridHeight { get; }

    /// <summary>Row-major <c>GridHeight × GridWidth</c> raw values in logit units.</summary>
    public float[] Grid { get; }

    /// <summary>Smallest value of <see cref="Grid"/> (logit units).</summary>
    public float GridMin { get; }

    /// <summary>Largest value of <see cref="Grid"/> (logit units).</summary>
    public float GridMax { get; }

    /// <summary>True when the grid has no spatial preference (max − min negligible): <see cref="Values"/> is all zeros.</summary>
    public bool IsFlat => !(GridMax - GridMin > HeatmapUpsampler.FlatTolerance(GridMin, GridMax));

    /// <summary>The value at column <paramref name="x"/>, row <paramref name="y"/> of <see cref="Values"/>.</summary>
    public float this[int x, int y] => Values[(y * Width) + x];

    /// <summary>The normalised grid sampled bilinearly at a continuous position in model-input pixels
    /// (<c>0 ≤ u ≤ Width</c>, <c>0 ≤ v ≤ Height</c>, pixel centres at +0.5); used to draw the map at any resolution.</summary>
    public float Sample(double u, double v) => HeatmapUpsampler.SampleNormalised(this, u, v);
}
