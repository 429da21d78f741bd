using Cxr.Training.Augmentation;
using Cxr.Training.Trainer;

namespace Cxr.Training.Tests.Augmentation;

public sealed class AugmentationSamplerTests
{
    private static readonly AugmentationOptions Robust = TrainingPresets.RobustRecipe.Augmentation;
    private static readonly ImageDraw[] Images = new AugmentationSampler(Robust).Draw(new Random(8), 4000).Images.ToArray();

    [Fact]
    public void Framing_draws_crops_and_zoom_outs_within_their_ranges()
    {
        var zoomed = Images.Select(i => i.Framing).Where(f => f.ScaleX > 1).ToArray();
        var cropped = Images.Select(i => i.Framing).Where(f => f.ScaleX <= 1).ToArray();
        Assert.InRange(zoomed.Length / (double)Images.Length, 0.47, 0.53);
        Assert.All(zoomed, f => Assert.True(f.ScaleX == f.ScaleY && f.ScaleX <= 1.3 && Math.Abs(f.OffsetX) <= f.ScaleX - 1 && Math.Abs(f.OffsetY) <= f.ScaleY - 1, f.ToString()));
        Assert.All(cropped, f => Assert.True(f.ScaleX * f.ScaleY >= 0.6 - 1e-9 && Math.Abs(f.OffsetX) <= 1 - f.ScaleX && Math.Abs(f.OffsetY) <= 1 - f.ScaleY, f.ToString()));
        Assert.All(cropped, f => Assert.InRange(f.ScaleX / f.ScaleY, (3.0 / 4) - 1e-9, (4.0 / 3) + 1e-9));
        Assert.Contains(cropped, f => f.ScaleX * f.ScaleY < 0.65);
        Assert.Contains(zoomed, f => f.ScaleX > 1.25);
        Assert.InRange(Images.Count(i => i.Framing.EdgeFill) / (double)Images.Length, 0.47, 0.53);
    }

    [Fact]
    public void Occlusion_draws_frames_and_corner_patches_at_their_rates_and_sizes()
    {
        var occlusions = Images.Select(i => i.Occlusion).ToArray();
        var framed = occlusions.Where(o => o.FrameLeft + o.FrameRight + o.FrameTop + o.FrameBottom > 0).ToArray();
        Assert.InRange(framed.Length / (double)occlusions.Length, 0.27, 0.33);
        Assert.All(framed, o => Assert.True(new[] { o.FrameLeft, o.FrameRight, o.FrameTop, o.FrameBottom }.All(w => w is >= 0 and <= 0.12)));
        var allSides = framed.Count(o => o.FrameLeft == o.FrameRight && o.FrameTop == o.FrameBottom && o.FrameLeft == o.FrameTop);
        Assert.InRange(allSides / (double)framed.Length, 0.44, 0.56);
        var patched = occlusions.Where(o => o.PatchSize > 0).ToArray();
        Assert.InRange(patched.Length / (double)occlusions.Length, 0.27, 0.33);
        Assert.All(patched, o => Assert.True(o.PatchSize is >= 0.05 and <= 0.15 && o.PatchInset is >= 0 and <= 0.05));
        Assert.Equal([0, 1, 2, 3], patched.Select(o => o.PatchCorner).Distinct().Order());
        Assert.Equal([0f, 1f], patched.Select(o => o.PatchValue).Distinct().Order());
    }

    [Fact]
    public void Photometric_draws_stay_within_their_ranges()
    {
        var photometrics = Images.Select(i => i.Photometric).ToArray();
        Assert.All(photometrics, p => Assert.InRange(p.Gamma, (1 / 1.4) - 1e-9, 1.4 + 1e-9));
        Assert.Contains(photometrics, p => p.Gamma < 0.75);
        Assert.Contains(photometrics, p => p.Gamma > 1.35);
        Assert.InRange(photometrics.Count(p => p.BlurMix == 1) / (double)photometrics.Length, 0.22, 0.28);
        var sharpened = photometrics.Where(p => p.BlurMix < 0).ToArray();
        Assert.InRange(sharpened.Length / (double)photometrics.Length, 0.22, 0.28);
        Assert.All(sharpened, p => Assert.InRange(-p.BlurMix, 0, 1.5));
        Assert.All(photometrics, p => Assert.InRange(p.BlurSigma, 0.5, 1.5));
        Assert.All(photometrics, p => Assert.InRange(p.NoiseSigma, 0, 8.0 / 255));
    }

    [Fact]
    public void The_robust_levers_draw_23_more_values_per_image_and_one_per_batch()
    {
        var sampler = new AugmentationSampler(Robust);
        Assert.Equal((30, 1), (sampler.ValuesPerImage, sampler.ValuesPerBatch));
        var (drawn, skipped) = (new Random(2), new Random(2));
        sampler.Draw(drawn, 5);
        for (var i = 0; i < (5 * 30) + 1; i++)
        {
            _ = skipped.NextDouble();
        }

        Assert.Equal(skipped.NextDouble(), drawn.NextDouble());
    }

    [Fact]
    public void Framing_by_class_zooms_out_each_class_at_its_own_share_and_draws_the_same_count_of_values()
    {
        var byClass = Robust with { ZoomOutProbability = 0.1, PneumoniaZoomOutProbability = 0.4 };
        var labels = Enumerable.Range(0, 4000).Select(i => i % 2).ToArray();
        var (drawn, plain) = (new Random(8), new Random(8));
        var images = new AugmentationSampler(byClass).Draw(drawn, labels.Length, labels).Images;
        new AugmentationSampler(Robust).Draw(plain, labels.Length);

        double ZoomedShare(int label) => images.Where((_, i) => labels[i] == label).Count(d => d.Framing.ScaleX > 1) / (labels.Length / 2.0);
        Assert.InRange(ZoomedShare(0), 0.08, 0.12);
        Assert.InRange(ZoomedShare(1), 0.37, 0.43);
        Assert.Equal(plain.NextDouble(), drawn.NextDouble());
    }

    [Fact]
    public void Framing_by_class_changes_only_the_framing_and_one_share_for_both_classes_is_the_plain_draw()
    {
        var labels = Enumerable.Range(0, 64).Select(i => i % 3 == 0 ? 1 : 0).ToArray();
        var byClass = new AugmentationSampler(Robust with { ZoomOutProbability = 0.1, PneumoniaZoomOutProbability = 0.9 }).Draw(new Random(3), 64, labels).Images;
        var plain = new AugmentationSampler(Robust).Draw(new Random(3), 64).Images;
        Assert.Equal(plain.Select(i => (i.Base, i.Occlusion, i.Photometric)), byClass.Select(i => (i.Base, i.Occlusion, i.Photometric)));
        Assert.NotEqual(plain.Select(i => i.Framing), byClass.Select(i => i.Framing));

        var same = Robust with { PneumoniaZoomOutProbability = Robust.ZoomOutProbability };
        Assert.False(same.FramesByClass);
        Assert.Equal(plain, new AugmentationSampler(same).Draw(new Random(3), 64).Images);
    }

    [Fact]
    public void Framing_by_class_without_the_labels_or_out_of_range_is_refused()
    {
        var byClass = Robust with { PneumoniaZoomOutProbability = 0.9 };
        var missing = Assert.Throws<ArgumentException>(() => new AugmentationSampler(byClass).Draw(new Random(1), 4));
        Assert.Contains("one label per image (4); got none", missing.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new AugmentationSampler(byClass).Draw(new Random(1), 4, [0, 1]));
        var range = Assert.Throws<ArgumentOutOfRangeException>(() => (Robust with { PneumoniaZoomOutProbability = 1.5 }).Validate());
        Assert.Contains(nameof(AugmentationOptions.PneumoniaZoomOutProbability), range.Message, StringComparison.Ordinal);
    }
}
