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
    /// shape, in [0, 1] (the augmenter's geometry stage resamples the crop, bilinear, black outside the film; its
    /// occlusion stage then paints the frames exactly black).</summary>
    /// <exception cref="ArgumentException">The draws are for another batch size.</exception>
    public static Tensor Apply(Tensor batch, IReadOnlyList<TightFieldDraw> draws)
    {
        if (draws.Count != batch.shape[0])
        {
            throw new ArgumentException($"The view draws are for {draws.Count} images; the batch has {batch.shape[0]}.", nameof(draws));
        }

        using var scope = NewDisposeScope();
        var images = draws.Select(d => d.ToImageDraw()).ToArray();
        return OcclusionStage.Apply(GeometryStage.Apply(batch, images), images).MoveToOuterDisposeScope();
    }
}
