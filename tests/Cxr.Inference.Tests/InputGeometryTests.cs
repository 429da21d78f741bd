using Cxr.Core.Imaging;

namespace Cxr.Inference.Tests;

/// <summary>The overlay geometry must match where <see cref="ImagePipeline"/> really puts the image.</summary>
public sealed class InputGeometryTests
{
    [Theory]
    [InlineData(300, 100)]
    [InlineData(100, 300)]
    [InlineData(201, 100)]
    [InlineData(640, 7)]
    [InlineData(90, 90)]
    public void The_letterbox_content_rect_is_where_the_pipeline_draws(int width, int height)
    {
        var spec = new PreprocessSpec(64, ResizeMode.Letterbox);
        // 640 × 7 is under the minimum side of real inputs; only the geometry matters here.
        var resized = new ImagePipeline(spec, new ImageLimits(MinSide: 1)).Process(TestImages.Uniform(width, height, 255)).Resized;
        var (x, y, w, h) = InputGeometry.ContentRect(spec, width, height);
        for (var row = 0; row < 64; row++)
        {
            for (var column = 0; column < 64; column++)
            {
                var inside = column >= x && column < x + w && row >= y && row < y + h;
                Assert.True(inside == (resized[column, row] > 0), $"({column},{row}) inside={inside} value={resized[column, row]} rect=({x},{y},{w},{h})");
            }
        }
    }

    [Fact]
    public void Stretch_uses_the_whole_square()
    {
        Assert.Equal((0, 0, 64, 64), InputGeometry.ContentRect(new PreprocessSpec(64), 300, 100));
    }
}
