using Cxr.Training.Models;
using Cxr.Training.Trainer;
using TorchSharp;
using static TorchSharp.torch;

namespace Cxr.Training.Tests.Trainer;

public sealed class ExponentialMovingAverageTests
{
    [Theory]
    [InlineData(0, 0.1)]
    [InlineData(5, 0.4)]
    [InlineData(90, 0.91)]
    [InlineData(100_000, 0.999)]
    public void The_decay_warms_up_from_one_tenth_to_its_setting(long step, double expected) =>
        Assert.Equal(expected, ExponentialMovingAverage.DecayAt(0.999, step), 12);

    [Fact]
    public void Each_update_moves_every_parameter_by_the_warmed_up_decay_and_copies_the_buffers()
    {
        using var live = TinyNet(seed: 1);
        using var average = new ExponentialMovingAverage(live, TinyNet(seed: 2), 0.95);
        // The shadow starts as a copy of the live weights, whatever it was built with.
        var shadow = Parameters(live);
        Assert.Equal(shadow, Parameters(average.Model));

        var random = new Random(3);
        foreach (var step in new long[] { 0, 1, 7, 500 })
        {
            // New live weights (as an optimiser step would leave them) and new batch statistics.
            using (no_grad())
            {
                foreach (var p in live.parameters())
                {
                    using var noise = tensor(Enumerable.Range(0, (int)p.numel()).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray()).reshape(p.shape);
                    p.add_(noise);
                }
            }

            live.train();
            using (var scope = NewDisposeScope())
            {
                live.call(rand(4, 1, 16, 16));
            }

            var current = Parameters(live);
            average.Update(step);

            var d = Math.Min(0.95, (1.0 + step) / (10.0 + step));
            var expected = shadow.Zip(current, (s, l) => (d * s) + ((1 - d) * l)).ToArray();
            var actual = Parameters(average.Model);
            for (var i = 0; i < expected.Length; i++)
            {
                Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-6 * Math.Max(1, Math.Abs(expected[i])), $"step {step}, value {i}: {actual[i]} vs {expected[i]}");
            }

            Assert.Equal(Buffers(live), Buffers(average.Model));
            Assert.NotEqual(current, actual);
            shadow = actual;
        }

        Assert.All(average.Model.parameters(), p => Assert.False(p.requires_grad));
        Assert.False(average.Model.training);
    }

    [Fact]
    public void Updates_hold_on_to_no_tensor()
    {
        using var live = TinyNet(seed: 1);
        using var average = new ExponentialMovingAverage(live, TinyNet(seed: 2), 0.999);
        average.Update(0);
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (var step = 1; step <= 50; step++)
        {
            average.Update(step);
        }

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void CopyTo_gives_a_model_the_shadows_weights_and_buffers()
    {
        using var live = TinyNet(seed: 1);
        using var average = new ExponentialMovingAverage(live, TinyNet(seed: 2), 0.5);
        using (no_grad())
        {
            foreach (var p in live.parameters())
            {
                p.mul_(3);
            }
        }

        average.Update(1000);
        using var target = TinyNet(seed: 4);
        average.CopyTo(target);
        Assert.Equal(Parameters(average.Model), Parameters(target));
        Assert.Equal(Buffers(average.Model), Buffers(target));
        Assert.NotEqual(Parameters(live), Parameters(target));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    public void A_decay_outside_zero_to_one_is_refused(double decay)
    {
        using var live = TinyNet(seed: 1);
        using var shadow = TinyNet(seed: 2);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialMovingAverage(live, shadow, decay));
        Assert.Equal("decay", error.ParamName);
    }

    [Fact]
    public void A_shadow_of_another_shape_is_refused()
    {
        using var live = TinyNet(seed: 1);
        using var shadow = new CxrNet(new CxrNetOptions(InputSize: 16, StemWidth: 3, Widths: [4]));
        var error = Assert.Throws<ArgumentException>(() => new ExponentialMovingAverage(live, shadow, 0.9));
        Assert.Equal("The EMA's shadow model does not match the trained model: their parameters differ in name or shape.", error.Message);
    }

    private static CxrNet TinyNet(int seed)
    {
        torch.manual_seed(seed);
        return new CxrNet(new CxrNetOptions(InputSize: 16, StemWidth: 2, Widths: [4], HeadDropout: 0));
    }

    private static double[] Parameters(CxrModel model) =>
        model.parameters().SelectMany(p => p.data<float>().ToArray()).Select(v => (double)v).ToArray();

    private static double[] Buffers(CxrModel model)
    {
        using var scope = NewDisposeScope();
        return model.buffers().SelectMany(b => b.to_type(ScalarType.Float64).data<double>().ToArray()).ToArray();
    }
}
