using Cxr.Training.Augmentation;
using Cxr.Training.Trainer;
using static TorchSharp.torch;

namespace Cxr.Training.Tests.Augmentation;

public sealed class BatchAugmenterTests
{
    public static TheoryData<string> OriginalRecipes => ["default", "flip", "geometry-only", "photometric-only", "none"];

    public static TheoryData<string> NewLevers => ["crop", "zoom-out", "edge-fill", "frame", "patch", "gamma", "blur", "sharpen", "noise", "robust"];

    [Fact]
    public void Identity_options_return_the_batch_unchanged_and_consume_the_same_randomness()
    {
        using var scope = NewDisposeScope();
        var batch = rand(4, 1, 32, 32);
        var randomA = new Random(7);
        var randomB = new Random(7);
        var result = new BatchAugmenter(AugmentationOptions.None).Apply(batch, randomA);
        new BatchAugmenter(new AugmentationOptions()).Skip(randomB, 4);
        Assert.True(result.equal(batch).all().item<bool>());
        Assert.Equal(randomB.Next(), randomA.Next());
    }

    [Fact]
    public void Augmented_batch_keeps_shape_and_range_and_is_reproducible()
    {
        using var scope = NewDisposeScope();
        var batch = rand(8, 1, 48, 48);
        var augmenter = new BatchAugmenter(new AugmentationOptions());
        var a = augmenter.Apply(batch, new Random(1));
        var b = augmenter.Apply(batch, new Random(1));
        Assert.Equal(batch.shape, a.shape);
        Assert.True(a.min().item<float>() >= 0 && a.max().item<float>() <= 1);
        Assert.True(a.equal(b).all().item<bool>());
        Assert.False(a.equal(batch).all().item<bool>());
    }

    [Theory]
    [MemberData(nameof(OriginalRecipes))]
    public void Without_the_new_levers_output_and_random_stream_are_bit_identical_to_the_original_augmenter(string name)
    {
        using var scope = NewDisposeScope();
        var options = Original(name);
        var batch = rand(6, 1, 40, 40);
        var (current, legacy) = (new Random(3), new Random(3));
        var augmenter = new BatchAugmenter(options);
        var reference = new LegacyBatchAugmenter(options);
        for (var step = 0; step < 3; step++)
        {
            var expected = reference.Apply(batch, legacy);
            var actual = augmenter.Apply(batch, current);
            Assert.True(actual.equal(expected).all().item<bool>(), $"step {step}: max |Δ| {(actual - expected).abs().max().item<float>()}");
        }

        Assert.Equal(legacy.NextDouble(), current.NextDouble());
    }

    [Fact]
    public void The_original_recipe_draws_seven_values_per_image_and_none_per_batch()
    {
        var sampler = new AugmentationSampler(new AugmentationOptions());
        Assert.Equal((7, 0), (sampler.ValuesPerImage, sampler.ValuesPerBatch));
    }

    [Theory]
    [MemberData(nameof(NewLevers))]
    public void Skip_consumes_exactly_what_apply_consumes(string lever)
    {
        using var scope = NewDisposeScope();
        var augmenter = new BatchAugmenter(WithLever(lever));
        var applied = new Random(5);
        var skipped = new Random(5);
        augmenter.Apply(rand(3, 1, 24, 24), applied);
        augmenter.Skip(skipped, 3);
        Assert.Equal(skipped.Next(), applied.Next());
    }

    [Fact]
    public void Skip_with_the_flip_consumes_what_apply_consumes()
    {
        using var scope = NewDisposeScope();
        var augmenter = new BatchAugmenter(new AugmentationOptions(HorizontalFlip: true));
        var applied = new Random(5);
        var skipped = new Random(5);
        augmenter.Apply(rand(3, 1, 16, 16), applied);
        augmenter.Skip(skipped, 3);
        Assert.Equal(skipped.Next(), applied.Next());
    }

    [Fact]
    public void A_resumed_stream_augments_the_next_batch_exactly_as_the_uninterrupted_one()
    {
        using var scope = NewDisposeScope();
        var augmenter = new BatchAugmenter(TrainingPresets.RobustRecipe.Augmentation);
        var (first, second) = (rand(5, 1, 48, 48), rand(5, 1, 48, 48));
        var uninterrupted = new Random(21);
        augmenter.Apply(first, uninterrupted);
        var expected = augmenter.Apply(second, uninterrupted);
        var resumed = new Random(21);
        augmenter.Skip(resumed, 5);
        var actual = augmenter.Apply(second, resumed);
        Assert.True(actual.equal(expected).all().item<bool>());
    }

    [Fact]
    public void The_robust_levers_are_reproducible_for_a_seed_and_differ_between_seeds()
    {
        using var scope = NewDisposeScope();
        var augmenter = new BatchAugmenter(TrainingPresets.RobustRecipe.Augmentation);
        var batch = rand(8, 1, 48, 48);
        var a = augmenter.Apply(batch, new Random(9));
        var b = augmenter.Apply(batch, new Random(9));
        var c = augmenter.Apply(batch, new Random(10));
        Assert.True(a.equal(b).all().item<bool>());
        Assert.False(a.equal(c).all().item<bool>());
        Assert.True(a.min().item<float>() >= 0 && a.max().item<float>() <= 1);
        Assert.Equal(batch.shape, a.shape);
    }

    [Fact]
    public void Out_of_range_options_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchAugmenter(new AugmentationOptions { CropMinArea = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchAugmenter(new AugmentationOptions { BlurProbability = 0.6, SharpenProbability = 0.6 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchAugmenter(new AugmentationOptions { GammaMax = 0.5 }));
    }

    private static AugmentationOptions Original(string name) => name switch
    {
        "default" => new AugmentationOptions(),
        "flip" => new AugmentationOptions(HorizontalFlip: true),
        "geometry-only" => new AugmentationOptions(Brightness: 0, Contrast: 0),
        "photometric-only" => new AugmentationOptions(RotationDegrees: 0, Scale: 0, Translation: 0),
        _ => AugmentationOptions.None,
    };

    internal static AugmentationOptions WithLever(string lever) => lever switch
    {
        "crop" => AugmentationOptions.None with { CropMinArea = 0.5 },
        "zoom-out" => AugmentationOptions.None with { ZoomOutMax = 1.3 },
        "edge-fill" => new AugmentationOptions { EdgeFillProbability = 0.5 },
        "frame" => AugmentationOptions.None with { FrameProbability = 0.5 },
        "patch" => AugmentationOptions.None with { CornerPatchProbability = 0.5 },
        "gamma" => AugmentationOptions.None with { GammaMax = 1.4 },
        "blur" => AugmentationOptions.None with { BlurProbability = 0.5 },
        "sharpen" => AugmentationOptions.None with { SharpenProbability = 0.5 },
        "noise" => AugmentationOptions.None with { NoiseSigmaMax = 0.03 },
        _ => TrainingPresets.RobustRecipe.Augmentation,
    };
}
