using static TorchSharp.torch;

namespace Cxr.Training.Augmentation;

/// <summary>
/// Mixup (Zhang et al. 2018) on an augmented batch: with probability <c>probability</c>, one λ ~ Beta(α, α) for the
/// batch, and each image and its 0/1 target are blended with those of a partner from a random permutation of the same
/// batch: <c>x' = λ·x + (1 − λ)·x[π]</c>, <c>y' = λ·y + (1 − λ)·y[π]</c>. The binary cross-entropy with logits is linear in
/// its target, so training on y' is training on λ·loss(y) + (1 − λ)·loss(y[π]), the paper's mixed loss. The batch keeps
/// its images (the balanced sampler's half of each class); only their content is blended, and pixels stay in [0, 1].
/// </summary>
/// <remarks>Everything random comes from the run's seeded <see cref="Random"/>, after the augmentation's values: per batch
/// one value for the probability, the Beta draw (<see cref="BetaSampler"/>, a variable count of values) and B − 1 for the
/// permutation, whether the batch is mixed or not. A run with mixup off never calls this, so its stream is unchanged.</remarks>
public sealed class BatchMixup
{
    private readonly double alpha;
    private readonly double probability;

    /// <param name="alpha">The Beta distribution's α (both shapes), positive and finite.</param>
    /// <param name="probability">Share of batches that are mixed, in [0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException">α is not positive and finite, or the probability is outside [0, 1].</exception>
    public BatchMixup(double alpha, double probability)
    {
        if (!(alpha > 0) || !double.IsFinite(alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "Mixup's alpha must be positive and finite (e.g. 0.2).");
        }

        if (probability is not (>= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "Mixup's probability must be in [0, 1].");
        }

        this.alpha = alpha;
        this.probability = probability;
    }

    /// <summary>Draws one batch's λ and partners from <paramref name="random"/>.</summary>
    public MixupDraw Draw(Random random, int batchSize)
    {
        var fires = random.NextDouble() < probability;
        var lambda = BetaSampler.Beta(random, alpha, alpha);
        var partners = new int[batchSize];
        for (var i = 0; i < batchSize; i++)
        {
            partners[i] = i;
        }

        // Fisher–Yates.
        for (var i = batchSize - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (partners[i], partners[j]) = (partners[j], partners[i]);
        }

        return new MixupDraw(fires ? lambda : 1, partners);
    }

    /// <summary>Consumes what <see cref="Draw"/> would (by drawing: the Beta sampler's count of values varies).</summary>
    public void Skip(Random random, int batchSize) => _ = Draw(random, batchSize);

    /// <summary>Mixes <paramref name="images"/> <c>[B, 1, S, S]</c> in [0, 1] and <paramref name="targets"/> <c>[B]</c> in
    /// [0, 1] by <paramref name="draw"/>; returns new tensors of the same shapes (aliases when the batch is not mixed).</summary>
    /// <exception cref="ArgumentException">The draw is for another batch size.</exception>
    public static (Tensor Images, Tensor Targets) Apply(Tensor images, Tensor targets, MixupDraw draw)
    {
        if (draw.Partners.Count != images.shape[0] || draw.Partners.Count != targets.shape[0])
        {
            throw new ArgumentException($"The mixup draw is for {draw.Partners.Count} images; the batch has {images.shape[0]} images and {targets.shape[0]} targets.", nameof(draw));
        }

        if (!draw.Mixes)
        {
            return (images.alias(), targets.alias());
        }

        using var scope = NewDisposeScope();
        var partners = tensor(draw.Partners.Select(p => (long)p).ToArray());
        var mixedImages = Blend(images, partners, draw.Lambda);
        var mixedTargets = Blend(targets, partners, draw.Lambda);
        return (mixedImages.MoveToOuterDisposeScope(), mixedTargets.MoveToOuterDisposeScope());
    }

    private static Tensor Blend(Tensor values, Tensor partners, double lambda) =>
        (values * lambda) + (values.index_select(0, partners) * (1 - lambda));
}
