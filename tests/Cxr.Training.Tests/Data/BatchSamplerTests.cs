using Cxr.Training.Data;

namespace Cxr.Training.Tests.Data;

public sealed class BatchSamplerTests
{
    [Fact]
    public void Balanced_batches_are_half_normal_half_pneumonia()
    {
        var labels = Enumerable.Range(0, 100).Select(i => i < 20 ? 0 : 1).ToArray();
        var sampler = new BatchSampler(labels, balanced: true);
        var batch = new int[32];
        var random = new Random(1);
        for (var k = 0; k < 10; k++)
        {
            sampler.Next(batch, random);
            Assert.Equal(16, batch.Count(i => labels[i] == 0));
        }
    }

    [Fact]
    public void Unbalanced_sampling_visits_every_image_once_per_pass()
    {
        var labels = Enumerable.Range(0, 64).Select(i => i % 4 == 0 ? 0 : 1).ToArray();
        var sampler = new BatchSampler(labels, balanced: false);
        var seen = new List<int>();
        var batch = new int[16];
        var random = new Random(2);
        for (var k = 0; k < 4; k++)
        {
            sampler.Next(batch, random);
            seen.AddRange(batch);
        }

        Assert.Equal(Enumerable.Range(0, 64), seen.Order());
    }
}
