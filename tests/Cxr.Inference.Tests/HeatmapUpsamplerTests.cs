namespace Cxr.Inference.Tests;

public sealed class HeatmapUpsamplerTests
{
    [Fact]
    public void A_2x2_grid_upsamples_bilinearly_with_half_pixel_centres_and_clamped_edges()
    {
        // Grid [[0, 1], [2, 3]] to 4 × 4: source positions (x + 0.5) / 2 − 0.5 = −0.25, 0.25, 0.75, 1.25 → 0, .25, .75, 1.
        var heatmap = HeatmapUpsampler.Create([0f, 1f, 2f, 3f], 2, 2, 4);
        float[] axis = [0f, 0.25f, 0.75f, 1f];
        for (var y = 0; y < 4; y++)
        {
            for (var x = 0; x < 4; x++)
            {
                var raw = axis[x] + (2 * axis[y]);
                Assert.Equal(raw / 3f, heatmap[x, y], 6);
            }
        }

        Assert.Equal(0f, heatmap.GridMin);
        Assert.Equal(3f, heatmap.GridMax);
        Assert.False(heatmap.IsFlat);
    }

    [Fact]
    public void Normalisation_is_min_max_over_the_grid()
    {
        var heatmap = HeatmapUpsampler.Create([-7f, -5f, -5f, -3f], 2, 2, 2);
        Assert.Equal([0f, 0.5f, 0.5f, 1f], heatmap.Values);
    }

    [Theory]
    [InlineData(2.5f)]
    [InlineData(-1000f)]
    [InlineData(0f)]
    public void A_flat_grid_gives_zeros(float value)
    {
        var heatmap = HeatmapUpsampler.Create(Enumerable.Repeat(value, 49).ToArray(), 7, 7, 28);
        Assert.True(heatmap.IsFlat);
        Assert.All(heatmap.Values, v => Assert.Equal(0f, v));
        Assert.Equal(0f, heatmap.Sample(10, 10));
    }

    [Fact]
    public void A_non_finite_grid_gives_zeros()
    {
        var heatmap = HeatmapUpsampler.Create([0f, float.NaN, 1f, 2f], 2, 2, 8);
        Assert.All(heatmap.Values, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void The_maximum_stays_in_the_hottest_cell()
    {
        var grid = new float[14 * 14];
        grid[(9 * 14) + 4] = 5f;
        var heatmap = HeatmapUpsampler.Create(grid, 14, 14, 224);
        var best = Array.IndexOf(heatmap.Values, heatmap.Values.Max());
        Assert.Equal(4, best % 224 / 16);
        Assert.Equal(9, best / 224 / 16);
        Assert.All(heatmap.Values, v => Assert.InRange(v, 0f, 1f));
    }

    [Fact]
    public void Sampling_at_pixel_centres_reproduces_the_values()
    {
        var random = new Random(1);
        var grid = Enumerable.Range(0, 36).Select(_ => (float)random.NextDouble()).ToArray();
        var heatmap = HeatmapUpsampler.Create(grid, 6, 6, 48);
        for (var y = 0; y < 48; y += 5)
        {
            for (var x = 0; x < 48; x += 3)
            {
                Assert.Equal(heatmap[x, y], heatmap.Sample(x + 0.5, y + 0.5), 5);
            }
        }
    }
}
