using static TorchSharp.torch;

namespace Cxr.Training.Augmentation;

/// <summary>Black frames and corner squares as per-image masks built from broadcast comparisons of row and column
/// indices with each image's edges (in whole pixels), inside the caller's dispose scope.</summary>
internal static class OcclusionStage
{
    public static Tensor Apply(Tensor batch, IReadOnlyList<ImageDraw> draws)
    {
        var (height, width) = (batch.shape[2], batch.shape[3]);
        var rows = arange(height, float32).view(1, 1, height, 1);
        var columns = arange(width, float32).view(1, 1, 1, width);
        var (keepRows, keepColumns) = FrameKeep(draws, rows, columns, height, width);
        // Multiplying by the separable 0/1 masks costs two passes over the batch, not a full-size mask's four.
        var framed = (batch * keepRows).mul_(keepColumns);
        var (inside, value) = PatchMask(draws, rows, columns, height, width);
        return where(inside, value, framed);
    }

    /// <summary>Per image, 1 for a row (<c>[B, 1, H, 1]</c>) or a column (<c>[B, 1, 1, W]</c>) inside the frame's opening, 0
    /// for one under the frame.</summary>
    private static (Tensor Rows, Tensor Columns) FrameKeep(IReadOnlyList<ImageDraw> draws, Tensor rows, Tensor columns, long height, long width)
    {
        Tensor Edge(Func<OcclusionDraw, double> side, long length) =>
            PhotometricStage.PerImage(draws.Select(d => (float)Math.Round(side(d.Occlusion) * length)));
        var keepColumns = columns.ge(Edge(o => o.FrameLeft, width)).logical_and(columns.lt(width - Edge(o => o.FrameRight, width)));
        var keepRows = rows.ge(Edge(o => o.FrameTop, height)).logical_and(rows.lt(height - Edge(o => o.FrameBottom, height)));
        return (keepRows.to(float32), keepColumns.to(float32));
    }

    private static (Tensor Inside, Tensor Value) PatchMask(IReadOnlyList<ImageDraw> draws, Tensor rows, Tensor columns, long height, long width)
    {
        var boxes = draws.Select(d => Box(d.Occlusion, height, width)).ToArray();
        Tensor Of(Func<(float Top, float Left, float Size), float> part) => PhotometricStage.PerImage(boxes.Select(part));
        var (top, left, size) = (Of(b => b.Top), Of(b => b.Left), Of(b => b.Size));
        var inRows = rows.ge(top).logical_and(rows.lt(top + size));
        var inColumns = columns.ge(left).logical_and(columns.lt(left + size));
        return (inRows.logical_and(inColumns), PhotometricStage.PerImage(draws.Select(d => d.Occlusion.PatchValue)));
    }

    /// <summary>The square's top-left pixel and side; corners 1 and 3 are on the right, 2 and 3 at the bottom.</summary>
    private static (float Top, float Left, float Size) Box(OcclusionDraw o, long height, long width)
    {
        var size = (float)Math.Round(o.PatchSize * Math.Min(height, width));
        var inset = (float)Math.Round(o.PatchInset * Math.Min(height, width));
        var left = o.PatchCorner is 1 or 3 ? width - inset - size : inset;
        var top = o.PatchCorner >= 2 ? height - inset - size : inset;
        return (top, left, size);
    }
}
