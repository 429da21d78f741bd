using static TorchSharp.torch;

namespace Cxr.Training.Augmentation;

/// <summary>
/// Augments a whole batch with tensor ops: one affine grid-sample (rotation, zoom, shift, and the crop or zoom-out of
/// the framing levers; black or edge-repeating fill), the per-image contrast/brightness change clamped to [0, 1], then,
/// when on, gamma, blur or unsharp mask, noise, black frame and corner square, clamped again. Parameters come from a
/// seeded <see cref="Random"/> (<see cref="AugmentationSampler"/>) so a run is reproducible and a resumed run can
/// replay the random stream; a stage whose levers are off is not run at all.
/// </summary>
public sealed class BatchAugmenter
{
    private readonly AugmentationOptions options;
    private readonly AugmentationSampler sampler;

    /// <exception cref="ArgumentOutOfRangeException">An option is outside its range.</exception>
    public BatchAugmenter(AugmentationOptions options)
    {
        options.Validate();
        this.options = options;
        sampler = new AugmentationSampler(options);
    }

    /// <summary>Draws the random numbers one batch consumes without touching tensors (used to fast-forward on resume).</summary>
    public void Skip(Random random, int batchSize) => sampler.Skip(random, batchSize);

    /// <summary>Augments <paramref name="batch"/> <c>[B, 1, S, S]</c> float in [0, 1]; returns a new tensor of the same shape.
    /// <paramref name="labels"/> (0 = NORMAL, 1 = PNEUMONIA per image) are needed when the options frame by class.</summary>
    /// <exception cref="ArgumentException">The options frame by class and the labels are missing or of another length.</exception>
    public Tensor Apply(Tensor batch, Random random, IReadOnlyList<int>? labels = null)
    {
        var n = (int)batch.shape[0];
        if (options.IsIdentity)
        {
            Skip(random, n);
            return batch.alias();
        }

        return Apply(batch, sampler.Draw(random, n, labels));
    }

    /// <summary>Augments <paramref name="batch"/> with given parameters (one draw per image).</summary>
    public Tensor Apply(Tensor batch, BatchDraw draw)
    {
        using var scope = NewDisposeScope();
        var result = batch;
        if (options.HasBaseLevers || options.HasFraming)
        {
            result = GeometryStage.Apply(result, draw.Images);
        }

        if (options.HasBaseLevers)
        {
            result = PhotometricStage.GainContrast(result, draw.Images);
        }

        if (options.HasExtendedLevers)
        {
            result = ApplyExtended(result, draw).clamp(0, 1);
        }

        return (ReferenceEquals(result, batch) ? batch.alias() : result).MoveToOuterDisposeScope();
    }

    private Tensor ApplyExtended(Tensor batch, BatchDraw draw)
    {
        var result = batch;
        if (options.GammaMax > 1)
        {
            result = PhotometricStage.Gamma(result, draw.Images);
        }

        if (options.HasBlur)
        {
            result = BlurStage.Apply(result, draw.Images, options.BlurSigmaMax);
        }

        if (options.NoiseSigmaMax > 0)
        {
            result = PhotometricStage.Noise(result, draw.Images, draw.NoiseSeed);
        }

        // Last, so a frame or a marker is exactly black or white, as the robustness catalogue's are.
        return options.HasOcclusion ? OcclusionStage.Apply(result, draw.Images) : result;
    }
}
