using TorchSharp;
using static TorchSharp.torch;

namespace Cxr.Training.Augmentation;

/// <summary>The batch's geometry in one <c>affine_grid</c> + <c>grid_sample</c>: each image's base affine (rotation,
/// zoom, shift, flip) composed with its framing (crop or zoom-out). What comes into view from outside the film is black,
/// or repeats the edge for images whose draw says so (a batch that mixes both samples each group with its own padding).</summary>
/// <remarks>Runs inside the caller's dispose scope.</remarks>
internal static class GeometryStage
{
    public static Tensor Apply(Tensor batch, IReadOnlyList<ImageDraw> draws)
    {
        var edged = draws.Count(d => d.Framing.EdgeFill);
        if (edged == 0 || edged == draws.Count)
        {
            return Sample(batch, draws, edged == 0 ? GridSamplePaddingMode.Zeros : GridSamplePaddingMode.Border);
        }

        // Edge-filled images first, then the black ones: one grid, two samples of contiguous halves, and one gather back
        // to the batch's order (few large ops: on a shared machine every parallel op waits for both threads).
        var order = Enumerable.Range(0, draws.Count).OrderBy(i => draws[i].Framing.EdgeFill ? 0 : 1).ToArray();
        var inverse = new long[order.Length];
        for (var k = 0; k < order.Length; k++)
        {
            inverse[order[k]] = k;
        }

        var sorted = batch.index_select(0, tensor(order.Select(i => (long)i).ToArray()));
        var grid = Grid(order.Select(i => draws[i]).ToArray(), batch.shape);
        var border = Sample(sorted.narrow(0, 0, edged), grid.narrow(0, 0, edged), GridSamplePaddingMode.Border);
        var black = Sample(sorted.narrow(0, edged, draws.Count - edged), grid.narrow(0, edged, draws.Count - edged), GridSamplePaddingMode.Zeros);
        return cat([border, black], 0).index_select(0, tensor(inverse));
    }

    private static Tensor Sample(Tensor batch, IReadOnlyList<ImageDraw> draws, GridSamplePaddingMode padding) =>
        Sample(batch, Grid(draws, batch.shape), padding);

    private static Tensor Grid(IReadOnlyList<ImageDraw> draws, long[] shape) =>
        nn.functional.affine_grid(tensor(Theta(draws), [draws.Count, 2, 3]), shape, align_corners: false);

    /// <summary>The grid maps output to input coordinates: the base affine maps the output into the framed film, the
    /// framing maps that into the film (<c>input = F·(A·q + t) + o</c>). Dividing by zoom > 1 magnifies.</summary>
    internal static float[] Theta(IReadOnlyList<ImageDraw> draws)
    {
        var theta = new float[draws.Count * 6];
        for (var i = 0; i < draws.Count; i++)
        {
            var (b, f) = (draws[i].Base, draws[i].Framing);
            var cos = Math.Cos(b.Angle) / b.Zoom;
            var sin = Math.Sin(b.Angle) / b.Zoom;
            var flip = b.Flip ? -1.0 : 1.0;
            // With the identity framing (scale 1, offset 0) these are exactly the original recipe's values.
            theta[(i * 6) + 0] = (float)(f.ScaleX * (cos * flip));
            theta[(i * 6) + 1] = (float)(f.ScaleX * -sin);
            theta[(i * 6) + 2] = (float)((f.ScaleX * b.ShiftX) + f.OffsetX);
            theta[(i * 6) + 3] = (float)(f.ScaleY * (sin * flip));
            theta[(i * 6) + 4] = (float)(f.ScaleY * cos);
            theta[(i * 6) + 5] = (float)((f.ScaleY * b.ShiftY) + f.OffsetY);
        }

        return theta;
    }

    private static Tensor Sample(Tensor batch, Tensor grid, GridSamplePaddingMode padding) =>
        nn.functional.grid_sample(batch, grid, GridSampleMode.Bilinear, padding, align_corners: false);
}
