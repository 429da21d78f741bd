namespace Cxr.Training.Augmentation;

/// <summary>
/// Draws a batch's augmentation parameters from the training run's <see cref="Random"/>. Every image always consumes
/// the same count of <see cref="Random.NextDouble"/> values whatever it draws (a lever that does not fire still
/// consumes its values), so <see cref="Skip"/> can fast-forward a resumed run by counting alone. The original levers'
/// seven values per image come first for the whole batch, in their original order; the newer levers' values follow
/// only when one of them is on, so a recipe without them sees exactly the stream it always saw.
/// </summary>
public sealed class AugmentationSampler
{
    private const int BaseValuesPerImage = 7;
    private const int FramingValues = 7;
    private const int OcclusionValues = 11;
    private const int PhotometricValues = 5;

    // The catalogue's marker sits 4 % in from its corner; up to 5 % covers it and the corner itself.
    private const double MaxPatchInset = 0.05;

    private readonly AugmentationOptions options;

    public AugmentationSampler(AugmentationOptions options)
    {
        this.options = options;
    }

    /// <summary>Values consumed per image.</summary>
    public int ValuesPerImage => BaseValuesPerImage + (options.HasExtendedLevers ? FramingValues + OcclusionValues + PhotometricValues : 0);

    /// <summary>Values consumed once per batch (the noise seed).</summary>
    public int ValuesPerBatch => options.HasExtendedLevers ? 1 : 0;

    /// <summary>Consumes what <see cref="Draw"/> would for <paramref name="batchSize"/> images.</summary>
    public void Skip(Random random, int batchSize)
    {
        for (var i = 0; i < (batchSize * ValuesPerImage) + ValuesPerBatch; i++)
        {
            _ = random.NextDouble();
        }
    }

    /// <summary>Draws one batch's parameters. <paramref name="labels"/> (0 = NORMAL, 1 = PNEUMONIA, one per image) are
    /// needed only when the options frame by class (<see cref="AugmentationOptions.FramesByClass"/>); the count of values
    /// drawn never depends on them.</summary>
    /// <exception cref="ArgumentException">The options frame by class and the labels are missing or of another length.</exception>
    public BatchDraw Draw(Random random, int batchSize, IReadOnlyList<int>? labels = null)
    {
        if (options.FramesByClass && (labels is null || labels.Count != batchSize))
        {
            throw new ArgumentException(
                $"Framing by class needs one label per image ({batchSize}); got {(labels is null ? "none" : labels.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))}.", nameof(labels));
        }

        var bases = new BaseDraw[batchSize];
        for (var i = 0; i < batchSize; i++)
        {
            bases[i] = DrawBase(random);
        }

        if (!options.HasExtendedLevers)
        {
            return new BatchDraw(bases.Select(ImageDraw.FromBase).ToArray(), 0);
        }

        var images = new ImageDraw[batchSize];
        for (var i = 0; i < batchSize; i++)
        {
            var zoomOutProbability = options.FramesByClass && labels![i] == 1 ? options.PneumoniaZoomOutProbability!.Value : options.ZoomOutProbability;
            images[i] = new ImageDraw(bases[i], DrawFraming(random, zoomOutProbability), DrawOcclusion(random), DrawPhotometric(random));
        }

        return new BatchDraw(images, (ulong)(random.NextDouble() * int.MaxValue));
    }

    private BaseDraw DrawBase(Random random)
    {
        var angle = Uniform(random, options.RotationDegrees) * Math.PI / 180.0;
        var zoom = 1.0 + Uniform(random, options.Scale);
        // affine_grid works in [-1, 1] coordinates, so a shift of f·side is 2f.
        var tx = 2.0 * Uniform(random, options.Translation);
        var ty = 2.0 * Uniform(random, options.Translation);
        var flip = options.HorizontalFlip && random.NextDouble() < 0.5;
        if (!options.HorizontalFlip)
        {
            _ = random.NextDouble();
        }

        var gain = (float)(1.0 + Uniform(random, options.Brightness));
        var contrast = (float)(1.0 + Uniform(random, options.Contrast));
        return new BaseDraw(angle, zoom, tx, ty, flip, gain, contrast);
    }

    private FramingDraw DrawFraming(Random random, double zoomOutProbability)
    {
        var (mode, area, aspect, x, y, zoom, fill) = (random.NextDouble(), random.NextDouble(), random.NextDouble(),
            random.NextDouble(), random.NextDouble(), random.NextDouble(), random.NextDouble());
        var edge = fill < options.EdgeFillProbability;
        if (options.ZoomOutMax > 1 && mode < zoomOutProbability)
        {
            // The film, shrunk to 1/z of the output, stays wholly in view: its centre moves by at most z − 1.
            var z = 1 + ((options.ZoomOutMax - 1) * zoom);
            return new FramingDraw(z, z, Centred(x) * (z - 1), Centred(y) * (z - 1), edge);
        }

        if (options.CropMinArea < 1)
        {
            var share = options.CropMinArea + ((1 - options.CropMinArea) * area);
            var ratio = Math.Exp(Centred(aspect) * Math.Log(options.CropMaxAspect));
            var w = Math.Min(1, Math.Sqrt(share * ratio));
            var h = Math.Min(1, Math.Sqrt(share / ratio));
            return new FramingDraw(w, h, Centred(x) * (1 - w), Centred(y) * (1 - h), edge);
        }

        return FramingDraw.Identity with { EdgeFill = edge };
    }

    private OcclusionDraw DrawOcclusion(Random random)
    {
        var values = new double[OcclusionValues];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = random.NextDouble();
        }

        var framed = values[0] < options.FrameProbability;
        var oneWidth = values[1] < 0.5;
        double Side(int i) => framed ? options.FrameMaxWidth * values[oneWidth ? 2 : i] : 0;
        var patched = values[6] < options.CornerPatchProbability;
        var size = patched ? options.CornerPatchMinSize + ((options.CornerPatchMaxSize - options.CornerPatchMinSize) * values[9]) : 0;
        return new OcclusionDraw(Side(2), Side(3), Side(4), Side(5), size, Math.Min(3, (int)(values[8] * 4)),
            MaxPatchInset * values[10], values[7] < 0.5 ? 0f : 1f);
    }

    private PhotometricDraw DrawPhotometric(Random random)
    {
        var (gamma, mode, sigma, amount, noise) = (random.NextDouble(), random.NextDouble(), random.NextDouble(), random.NextDouble(), random.NextDouble());
        var mix = mode < options.BlurProbability ? 1.0
            : mode < options.BlurProbability + options.SharpenProbability ? -options.SharpenAmountMax * amount
            : 0.0;
        return new PhotometricDraw(
            Math.Exp(Centred(gamma) * Math.Log(options.GammaMax)),
            options.BlurSigmaMin + ((options.BlurSigmaMax - options.BlurSigmaMin) * sigma),
            mix,
            options.NoiseSigmaMax * noise);
    }

    /// <summary>Maps a uniform value in [0, 1) to [-1, 1).</summary>
    private static double Centred(double u) => (2 * u) - 1;

    private static double Uniform(Random random, double range) => range == 0 ? 0 * random.NextDouble() : ((random.NextDouble() * 2) - 1) * range;
}
