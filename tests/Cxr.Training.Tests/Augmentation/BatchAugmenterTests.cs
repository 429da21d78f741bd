using Cxr.Training.Augmentation;
using static TorchSharp.torch;

namespace Cxr.Training.Tests.Augmentation;

public sealed class BatchAugmenterTests
{
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

    [Fact]
    public void Skip_consumes_exactly_what_apply_consumes()
    {
        using var scope = NewDisposeScope();
        var augmenter = new BatchAugmenter(new AugmentationOptions(HorizontalFlip: true));
        var applied = new Random(5);
        var skipped = new Random(5);
        augmenter.Apply(rand(3, 1, 16, 16), applied);
        augmenter.Skip(skipped, 3);
        Assert.Equal(skipped.Next(), applied.Next());
    }
}
