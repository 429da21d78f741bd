using static TorchSharp.torch;

namespace Cxr.Training.Augmentation;

/// <summary>Per-image intensity changes as broadcast tensor ops, inside the caller's dispose scope.</summary>
internal static class PhotometricStage
{
    /// <summary>The original recipe's contrast about the image mean, then brightness, clamped to [0, 1].</summary>
    public static Tensor GainContrast(Tensor batch, IReadOnlyList<ImageDraw> draws)
    {
        var mean = batch.mean([1L, 2L, 3L], keepdim: true);
        var c = PerImage(draws.Select(d => d.Base.Contrast));
        var g = PerImage(draws.Select(d => d.Base.Gain));
        var result = (((batch - mean) * c) + mean) * g;
        return result.clamp_(0, 1);
    }

    /// <summary><c>v^γ</c>; clamped first because a fractional power of a negative value is NaN.</summary>
    public static Tensor Gamma(Tensor batch, IReadOnlyList<ImageDraw> draws) =>
        batch.clamp(0, 1).pow_(PerImage(draws.Select(d => (float)d.Photometric.Gamma)));

    /// <summary>Adds Gaussian noise of each image's σ, drawn by a generator seeded from the batch's draw rather than
    /// libtorch's global one (which dropout uses), so replaying the run's <see cref="Random"/> replays the noise.</summary>
    public static Tensor Noise(Tensor batch, IReadOnlyList<ImageDraw> draws, ulong seed)
    {
        using var generator = new Generator(seed);
        return batch.addcmul(randn(batch.shape, generator: generator), PerImage(draws.Select(d => (float)d.Photometric.NoiseSigma)), 1);
    }

    /// <summary>One value per image, shaped <c>[B, 1, 1, 1]</c> to broadcast over the image.</summary>
    public static Tensor PerImage(IEnumerable<float> values)
    {
        var array = values.ToArray();
        return tensor(array, [array.Length, 1, 1, 1]);
    }
}
