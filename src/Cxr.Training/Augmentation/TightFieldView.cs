using TorchSharp;
using static TorchSharp.torch;

namespace Cxr.Training.Augmentation;

/// <summary>
/// The second view of the consistency loss (<see cref="Trainer.TrainingOptions.ConsistencyWeight"/>): each image of an
/// augmented batch with less of the film in view. With even odds, either a crop keeping a uniform share in
/// [<see cref="MinField"/>, <see cref="MaxField"/>] of each side (drawn per axis, so the aspect changes a little) at a
/// uniform position, stretched back to the full side, or a black frame of uniform width in
/// [<see cref="MinFrame"/>, <see cref="MaxFrame"/>] of the side on every edge.
/// </summary>
/// <remarks>The ranges were fixed before any run from the robustness catalogue's changes that remove film, so that each
/// sits inside them: <c>fov-narrow</c> (a 0.8 field), <c>zoom-in-0.9</c> (0.9) and <c>border-8</c> (an 8 % frame).
/// Every image consumes <see cref="ValuesPerImage"/> values of the run's <see cref="Random"/> whichever kind it draws, so
/// <see cref="Skip"/> replays a resumed run by counting.</remarks>
public static class TightFieldView
{
    public const double MinField = 0.7;
    public const double MaxField = 0.95;
    public const double MinFrame = 0.03;
    public const double MaxFrame = 0.12;
    public const double CropProbability = 0.5;
    public const int ValuesPerImage = 6;

    /// <summary>Draws <paramref name="batchSize"/> images' views from <paramref name="random"/>.</summary>
    public static TightFieldDraw[] Draw(Random random, int batchSize)
    {
        var draws = new TightFieldDraw[batchSize];
        for (var i = 0; i < batchSize; i++)
        {
            var crop = random.NextDouble() < CropProbability;
            var fieldX = MinField + ((MaxField - MinField) * random.NextDouble());
            var fieldY = MinField + ((MaxField - MinField) * random.NextDouble());
            var centerX = ((2 * random.NextDouble()) - 1) * (1 - fieldX);
            var centerY = ((2 * random.NextDouble()) - 1) * (1 - fieldY);
            var frame = MinFrame + ((MaxFrame - MinFrame) * random.NextDouble());
            draws[i] = crop ? new TightFieldDraw(fieldX, fieldY, centerX, centerY, 0) : new TightFieldDraw(1, 1, 0, 0, frame);
        }

        return draws;
    }

    /// <summary>Consumes what <see cref="Draw"/> would for <paramref name="batchSize"/> images.</summary>
    public static void Skip(Random random, int batchSize)
    {
        for (var i = 0; i < batchSize * ValuesPerImage; i++)
        {
            _ = random.NextDouble();
        }
    }

    /// <summary>The tighter views of <paramref name="batch"/> <c>[B, 1, S, S]</c> in [0, 1]: a new tensor of the same
    /// shape, in [0, 1] (bilinear resampling inside the image, then the frames exactly black).</summary>
    /// <exception cref="ArgumentException">The draws are for another batch size.</exception>
    public static Tensor Apply(Tensor batch, IReadOnlyList<TightFieldDraw> draws)
    {
        if (draws.Count != batch.shape[0])
        {
            throw new ArgumentException($"The view draws are for {draws.Count} images; the batch has {batch.shape[0]}.", nameof(draws));
        }

        using var scope = NewDisposeScope();
        var grid = nn.functional.affine_grid(tensor(Theta(draws), [draws.Count, 2, 3]), batch.shape, align_corners: false);
        var cropped = nn.functional.grid_sample(batch, grid, GridSampleMode.Bilinear, GridSamplePaddingMode.Zeros, align_corners: false);
        var (height, width) = (batch.shape[2], batch.shape[3]);
        var rows = arange(height, float32).view(1, 1, height, 1);
        var columns = arange(width, float32).view(1, 1, 1, width);
        var rowEdge = Edges(draws, height);
        var columnEdge = Edges(draws, width);
        var keepRows = rows.ge(rowEdge).logical_and(rows.lt(height - rowEdge)).to(float32);
        var keepColumns = columns.ge(columnEdge).logical_and(columns.lt(width - columnEdge)).to(float32);
        return (cropped * keepRows).mul_(keepColumns).MoveToOuterDisposeScope();
    }

    /// <summary>Output-to-input grid coordinates: <c>input = field·output + centre</c> per axis.</summary>
    internal static float[] Theta(IReadOnlyList<TightFieldDraw> draws)
    {
        var theta = new float[draws.Count * 6];
        for (var i = 0; i < draws.Count; i++)
        {
            theta[(i * 6) + 0] = (float)draws[i].FieldX;
            theta[(i * 6) + 2] = (float)draws[i].CenterX;
            theta[(i * 6) + 4] = (float)draws[i].FieldY;
            theta[(i * 6) + 5] = (float)draws[i].CenterY;
        }

        return theta;
    }

    /// <summary>Per image <c>[B, 1, 1, 1]</c>, the frame's width in whole pixels of a side of <paramref name="length"/>.</summary>
    private static Tensor Edges(IReadOnlyList<TightFieldDraw> draws, long length) =>
        tensor(draws.Select(d => (float)Math.Round(d.FrameWidth * length)).ToArray()).view(-1, 1, 1, 1);
}
