using Cxr.Training.Augmentation;
using Cxr.Training.Trainer;
using static TorchSharp.torch;

namespace Cxr.Training.Tests.Augmentation;

public sealed class BatchMixupTests
{
    [Fact]
    public void Lambda_lies_in_zero_to_one_and_the_partners_are_a_permutation_of_the_batch()
    {
        var mixup = new BatchMixup(0.2, 1);
        var random = new Random(4);
        for (var i = 0; i < 2000; i++)
        {
            var draw = mixup.Draw(random, 16);
            Assert.InRange(draw.Lambda, 0, 1);
            Assert.Equal(Enumerable.Range(0, 16), draw.Partners.Order());
        }
    }

    [Fact]
    public void Draws_are_a_function_of_the_seed_and_the_step()
    {
        static List<MixupDraw> Steps(int seed)
        {
            var mixup = new BatchMixup(0.2, 0.5);
            var random = new Random(seed);
            return Enumerable.Range(0, 50).Select(_ => mixup.Draw(random, 8)).ToList();
        }

        var first = Steps(42);
        var again = Steps(42);
        Assert.Equal(first.Select(d => d.Lambda), again.Select(d => d.Lambda));
        Assert.Equal(first.SelectMany(d => d.Partners), again.SelectMany(d => d.Partners));
        Assert.NotEqual(first.Select(d => d.Lambda), Steps(43).Select(d => d.Lambda));
        // Consecutive steps draw different values.
        Assert.True(first.Select(d => d.Lambda).Distinct().Count() > 20);
    }

    [Fact]
    public void Skip_consumes_what_a_draw_consumes_and_the_probability_does_not_change_the_count()
    {
        var drawn = new Random(5);
        var skipped = new Random(5);
        var never = new Random(5);
        for (var i = 0; i < 30; i++)
        {
            _ = new BatchMixup(0.3, 1).Draw(drawn, 16);
            new BatchMixup(0.3, 1).Skip(skipped, 16);
            var draw = new BatchMixup(0.3, 0).Draw(never, 16);
            Assert.False(draw.Mixes);
            Assert.Equal(1, draw.Lambda);
        }

        var next = drawn.NextDouble();
        Assert.Equal(next, skipped.NextDouble());
        Assert.Equal(next, never.NextDouble());
    }

    [Fact]
    public void About_the_given_share_of_batches_is_mixed()
    {
        var mixup = new BatchMixup(0.2, 0.5);
        var random = new Random(6);
        var mixed = Enumerable.Range(0, 4000).Count(_ => mixup.Draw(random, 4).Mixes);
        Assert.InRange(mixed, 1800, 2200);
    }

    [Fact]
    public void Images_and_targets_are_mixed_with_the_same_partner_and_weight()
    {
        using var scope = NewDisposeScope();
        var random = new Random(2);
        // Each image is flat at its own target's value, so a consistent mix keeps every image flat at its mixed target.
        var targets = new float[] { 0, 1, 0, 1, 0.25f, 1 };
        var images = tensor(targets.SelectMany(t => Enumerable.Repeat(t, 9)).ToArray(), [6, 1, 3, 3]);
        var draw = new BatchMixup(0.4, 1).Draw(random, 6);
        Assert.True(draw.Mixes);
        var (mixedImages, mixedTargets) = BatchMixup.Apply(images, tensor(targets), draw);

        Assert.Equal(new long[] { 6, 1, 3, 3 }, mixedImages.shape);
        var pixels = mixedImages.data<float>().ToArray();
        var mixed = mixedTargets.data<float>().ToArray();
        for (var i = 0; i < 6; i++)
        {
            var expected = (draw.Lambda * targets[i]) + ((1 - draw.Lambda) * targets[draw.Partners[i]]);
            Assert.Equal(expected, mixed[i], 6);
            Assert.All(pixels.AsSpan(i * 9, 9).ToArray(), p => Assert.Equal(mixed[i], p, 6));
        }
    }

    [Fact]
    public void A_batch_that_is_not_mixed_is_returned_unchanged()
    {
        using var scope = NewDisposeScope();
        var images = rand(4, 1, 5, 5);
        var targets = tensor(new float[] { 0, 1, 0, 1 });
        var (sameImages, sameTargets) = BatchMixup.Apply(images, targets, new MixupDraw(1, [3, 2, 1, 0]));
        Assert.Equal(images.data<float>().ToArray(), sameImages.data<float>().ToArray());
        Assert.Equal(targets.data<float>().ToArray(), sameTargets.data<float>().ToArray());
    }

    [Fact]
    public void Label_smoothing_of_mixed_targets_equals_mixing_smoothed_targets()
    {
        using var scope = NewDisposeScope();
        var labels = tensor(new float[] { 0, 1, 1, 0 });
        var draw = new MixupDraw(0.3, [1, 0, 3, 2]);
        var images = zeros(4, 1, 2, 2);
        var smoothedAfter = TrainingStep.SmoothLabels(BatchMixup.Apply(images, labels, draw).Targets, 0.1).data<float>().ToArray();
        var smoothedBefore = BatchMixup.Apply(images, TrainingStep.SmoothLabels(labels, 0.1), draw).Targets.data<float>().ToArray();
        Assert.Equal(smoothedBefore, smoothedAfter, (a, b) => Math.Abs(a - b) < 1e-6);
        // Image 0 is 0.3·0 + 0.7·1 = 0.7, smoothed 0.7·0.9 + 0.05 = 0.68; image 1 is 0.3, smoothed 0.32.
        Assert.Equal([0.68, 0.32, 0.32, 0.68], smoothedAfter.Select(v => Math.Round(v, 5)));
    }

    [Theory]
    [InlineData(0.0, 1.0, "alpha")]
    [InlineData(-0.2, 1.0, "alpha")]
    [InlineData(double.NaN, 1.0, "alpha")]
    [InlineData(0.2, 1.5, "probability")]
    [InlineData(0.2, -0.1, "probability")]
    public void Options_out_of_range_are_refused(double alpha, double probability, string parameter)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new BatchMixup(alpha, probability));
        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public void A_draw_for_another_batch_size_is_refused()
    {
        using var scope = NewDisposeScope();
        var error = Assert.Throws<ArgumentException>(() => BatchMixup.Apply(zeros(4, 1, 2, 2), zeros(4), new MixupDraw(0.5, [1, 0])));
        Assert.Contains("for 2 images; the batch has 4 images", error.Message, StringComparison.Ordinal);
    }
}
