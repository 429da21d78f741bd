using TorchSharp;
using static TorchSharp.torch;

namespace Cxr.Training.Augmentation;

/// <summary>
/// Gaussian blur and unsharp mask, per image: <c>v + mix · (blur_σ(v) − v)</c>, computed only for the images whose draw
/// has a non-zero mix. The separable Gaussian (edges replicated) runs per axis as one batched matrix product: the rows
/// are cut into blocks of 32 with their 2r neighbours, and each block is multiplied by the image's banded 32 × (32 + 2r)
/// tap matrix. Not a depthwise <c>conv2d</c>: libtorch's oneDNN convolutions miscompute some channel counts on this
/// project's CPUs (docs/training.md, "Numerical correctness on every CPU"), and a matrix product has no such kernels.
/// Not a sum of 2r + 1 shifted slices either, though that is as fast on an idle machine: every parallel libtorch op
/// waits for both threads, and on a machine shared with another training 22 small ops cost about a second per batch.
/// </summary>
/// <remarks>Runs inside the caller's dispose scope.</remarks>
internal static class BlurStage
{
    private const int Block = 32;

    public static Tensor Apply(Tensor batch, IReadOnlyList<ImageDraw> draws, double maxSigma)
    {
        var selected = Enumerable.Range(0, draws.Count).Where(i => draws[i].Photometric.BlurMix != 0).ToArray();
        if (selected.Length == 0)
        {
            return batch;
        }

        var index = tensor(selected.Select(i => (long)i).ToArray());
        var images = batch.index_select(0, index);
        var chosen = selected.Select(i => draws[i].Photometric).ToArray();
        var blurred = Blur(images, chosen.Select(p => p.BlurSigma).ToArray(), Radius(maxSigma));
        // lerp(v, blur, mix) = v + mix · (blur − v); a negative mix extrapolates away from the blur (unsharp mask).
        var mixed = images.lerp(blurred, PhotometricStage.PerImage(chosen.Select(p => (float)p.BlurMix)));
        return batch.index_copy(0, index, mixed);
    }

    /// <summary>Taps to 3σ of the largest σ, as the robustness catalogue's blur.</summary>
    public static int Radius(double maxSigma) => Math.Max(1, (int)Math.Ceiling(3 * maxSigma));

    /// <summary>Separable Gaussian blur of <c>[M, 1, H, W]</c> images, image m with σ <paramref name="sigmas"/>[m].</summary>
    public static Tensor Blur(Tensor images, double[] sigmas, int radius)
    {
        var band = Band(sigmas, radius);
        var vertical = BlurColumns(images, band, radius);
        return BlurColumns(vertical.transpose(2, 3), band, radius).transpose(2, 3);
    }

    /// <summary>Blurs along dimension 2 (down each column).</summary>
    private static Tensor BlurColumns(Tensor images, Tensor band, int radius)
    {
        var (m, height, width) = (images.shape[0], images.shape[2], images.shape[3]);
        var blocks = (height + Block - 1) / Block;
        // Replicated rows above and below; the extra ones below round the height up to whole blocks.
        var padded = nn.functional.pad(images, [0, 0, radius, radius + (blocks * Block) - height], PaddingModes.Replicate);
        // [M, 1, blocks, W, 32 + 2r] → [M, blocks, 32 + 2r, W]: block b holds padded rows 32b … 32b + 31 + 2r.
        var windows = padded.unfold(2, Block + (2 * radius), Block).squeeze(1).permute(0, 1, 3, 2);
        var rows = matmul(band, windows);
        return rows.reshape(m, 1, blocks * Block, width).narrow(2, 0, height);
    }

    /// <summary>[M, 1, 32, 32 + 2r]: row i of image m's matrix holds its normalised taps at columns i … i + 2r.</summary>
    private static Tensor Band(double[] sigmas, int radius)
    {
        var span = Block + (2 * radius);
        var values = new float[sigmas.Length * Block * span];
        for (var m = 0; m < sigmas.Length; m++)
        {
            var taps = Taps(sigmas[m], radius);
            for (var i = 0; i < Block; i++)
            {
                for (var k = 0; k < taps.Length; k++)
                {
                    values[(((m * Block) + i) * span) + i + k] = (float)taps[k];
                }
            }
        }

        return tensor(values, [sigmas.Length, 1, Block, span]);
    }

    private static double[] Taps(double sigma, int radius)
    {
        var raw = Enumerable.Range(-radius, (2 * radius) + 1).Select(d => Math.Exp(-d * d / (2 * sigma * sigma))).ToArray();
        var total = raw.Sum();
        return raw.Select(w => w / total).ToArray();
    }
}
