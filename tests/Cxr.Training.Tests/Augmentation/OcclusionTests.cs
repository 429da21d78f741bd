using Cxr.Training.Augmentation;
using static TorchSharp.torch;

namespace Cxr.Training.Tests.Augmentation;

public sealed class OcclusionTests
{
    private static readonly BatchAugmenter Augmenter = new(AugmentationOptions.None with { FrameProbability = 0.5, CornerPatchProbability = 0.5 });

    [Fact]
    public void A_frame_is_black_over_each_sides_width_and_leaves_the_rest_unchanged()
    {
        using var scope = NewDisposeScope();
        var image = rand(1, 1, 50, 50);
        // 10 % left (5 px), 4 % right (2 px), 12 % top (6 px), none at the bottom.
        var output = Augmenter.Apply(image, Draws.Occlusion(OcclusionDraw.None with { FrameLeft = 0.10, FrameRight = 0.04, FrameTop = 0.12 }));
        var expected = image.clone();
        expected[.., .., .., ..5] = tensor(0f);
        expected[.., .., .., 48..] = tensor(0f);
        expected[.., .., ..6, ..] = tensor(0f);
        Assert.True(output.equal(expected).all().item<bool>());
        Assert.True(output[0, 0, 6.., 5..48].equal(image[0, 0, 6.., 5..48]).all().item<bool>());
    }

    [Fact]
    public void A_corner_patch_has_its_value_size_and_place()
    {
        using var scope = NewDisposeScope();
        var image = full(2, 1, 40, 40, 0.5f);
        var white = OcclusionDraw.None with { PatchSize = 0.10, PatchCorner = 1, PatchInset = 0.05, PatchValue = 1 };
        var black = OcclusionDraw.None with { PatchSize = 0.15, PatchCorner = 2, PatchInset = 0, PatchValue = 0 };
        var output = Augmenter.Apply(image, Draws.Occlusion(white, black));
        // Image 0: a 4 × 4 white square 2 px in from the top-right corner (rows 2–5, columns 34–37).
        Assert.Equal(16, output[0].eq(1).sum().item<long>());
        Assert.True(output[0, 0, 2..6, 34..38].eq(1).all().item<bool>());
        // Image 1: a 6 × 6 black square in the bottom-left corner; everything else untouched.
        Assert.Equal(36, output[1].eq(0).sum().item<long>());
        Assert.True(output[1, 0, 34.., ..6].eq(0).all().item<bool>());
        Assert.Equal((2 * 1600) - 16 - 36, output.eq(0.5f).sum().item<long>());
    }

    [Fact]
    public void Images_drawn_without_occlusion_are_unchanged()
    {
        using var scope = NewDisposeScope();
        var image = rand(2, 1, 30, 30);
        var output = Augmenter.Apply(image, Draws.Occlusion(OcclusionDraw.None, OcclusionDraw.None));
        Assert.True(output.equal(image).all().item<bool>());
    }
}
