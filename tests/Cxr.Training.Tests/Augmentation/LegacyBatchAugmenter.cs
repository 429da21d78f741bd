using Cxr.Training.Augmentation;
using TorchSharp;
using static TorchSharp.torch;

namespace Cxr.Training.Tests.Augmentation;

/// <summary>The augmenter as it was before the framing, occlusion and acquisition levers (commit 879d602), kept verbatim
/// as the reference that the original recipe's output and random stream must still match bit for bit.</summary>
internal sealed class LegacyBatchAugmenter(AugmentationOptions options)
{
    private const int ValuesPerImage = 7;

    public static void Skip(Random random, int batchSize)
    {
        for (var i = 0; i < batchSize * ValuesPerImage; i++)
        {
            _ = random.NextDouble();
        }
    }

    public Tensor Apply(Tensor batch, Random random)
    {
        var n = (int)batch.shape[0];
        if (options.IsIdentity)
        {
            Skip(random, n);
            return batch.alias();
        }

        var theta = new float[n * 6];
        var gain = new float[n];
        var contrast = new float[n];
        for (var i = 0; i < n; i++)
        {
            var angle = Uniform(random, options.RotationDegrees) * Math.PI / 180.0;
            var zoom = 1.0 + Uniform(random, options.Scale);
            var tx = 2.0 * Uniform(random, options.Translation);
            var ty = 2.0 * Uniform(random, options.Translation);
            var flip = options.HorizontalFlip && random.NextDouble() < 0.5 ? -1.0 : 1.0;
            if (!options.HorizontalFlip)
            {
                _ = random.NextDouble();
            }

            gain[i] = (float)(1.0 + Uniform(random, options.Brightness));
            contrast[i] = (float)(1.0 + Uniform(random, options.Contrast));
            var cos = Math.Cos(angle) / zoom;
            var sin = Math.Sin(angle) / zoom;
            theta[(i * 6) + 0] = (float)(cos * flip);
            theta[(i * 6) + 1] = (float)-sin;
            theta[(i * 6) + 2] = (float)tx;
            theta[(i * 6) + 3] = (float)(sin * flip);
            theta[(i * 6) + 4] = (float)cos;
            theta[(i * 6) + 5] = (float)ty;
        }

        using var scope = NewDisposeScope();
        var thetaT = tensor(theta, [n, 2, 3]);
        var grid = nn.functional.affine_grid(thetaT, batch.shape, align_corners: false);
        var moved = nn.functional.grid_sample(batch, grid, GridSampleMode.Bilinear, GridSamplePaddingMode.Zeros, align_corners: false);
        var mean = moved.mean([1L, 2L, 3L], keepdim: true);
        var c = tensor(contrast, [n, 1, 1, 1]);
        var g = tensor(gain, [n, 1, 1, 1]);
        var result = (((moved - mean) * c) + mean) * g;
        return result.clamp_(0, 1).MoveToOuterDisposeScope();
    }

    private static double Uniform(Random random, double range) => range == 0 ? 0 * random.NextDouble() : ((random.NextDouble() * 2) - 1) * range;
}
