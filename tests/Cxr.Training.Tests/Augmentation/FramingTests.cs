using Cxr.Training.Augmentation;
using static TorchSharp.torch;

namespace Cxr.Training.Tests.Augmentation;

public sealed class FramingTests
{
    private const int Side = 32;
    private static readonly BatchAugmenter Augmenter = new(AugmentationOptions.None with { CropMinArea = 0.5, ZoomOutMax = 2, EdgeFillProbability = 0.5 });

    [Fact]
    public void A_crop_magnifies_its_window_onto_the_whole_output()
    {
        using var scope = NewDisposeScope();
        // The bottom-right quadrant (window half the side, centred at +0.5, +0.5) fills the output.
        var crop = new FramingDraw(0.5, 0.5, 0.5, 0.5, false);
        var output = Augmenter.Apply(Ramps(), Draws.Framing(crop, crop));
        AssertFollows(output, 0.5, 0.5, 0.5, 0.5);
    }

    [Fact]
    public void A_crop_moves_a_marked_pixel_to_where_its_window_puts_it()
    {
        using var scope = NewDisposeScope();
        var image = zeros(1, 1, Side, Side);
        image[0, 0, 24, 24] = tensor(1f);
        image[0, 0, 4, 4] = tensor(1f);
        var output = Augmenter.Apply(image, Draws.Framing(new FramingDraw(0.5, 0.5, 0.5, 0.5, false)));
        // Input pixel 24 is at (2·24 + 1)/32 − 1 = 0.53125; in the window (0.53125 − 0.5)/0.5 = 0.0625, output pixel 16.5.
        // The pixel at 4 lies outside the window and is gone.
        var (row, column) = Centroid(output[0, 0]);
        Assert.Equal(16.5, row, 2);
        Assert.Equal(16.5, column, 2);
        Assert.Equal(4.0, output.sum().item<float>(), 2);
    }

    [Fact]
    public void A_zoom_out_shrinks_the_film_into_a_black_margin()
    {
        using var scope = NewDisposeScope();
        var zoomOut = new FramingDraw(2, 2, 0.4, -0.2, false);
        var output = Augmenter.Apply(Ramps(), Draws.Framing(zoomOut, zoomOut));
        AssertFollows(output, 2, 0.4, 2, -0.2);
        // Output columns whose sample falls more than a pixel outside the film are exactly black.
        var margin = output[0, 0, .., ..4];
        Assert.Equal(0f, margin.abs().max().item<float>());
    }

    [Fact]
    public void Edge_fill_repeats_the_films_edge_pixels_and_a_mixed_batch_fills_each_image_its_own_way()
    {
        using var scope = NewDisposeScope();
        var horizontal = Ramps().narrow(0, 0, 1);
        var batch = cat([horizontal, horizontal], 0);
        var output = Augmenter.Apply(batch, Draws.Framing(new FramingDraw(2, 2, 0, 0, true), new FramingDraw(2, 2, 0, 0, false)));
        // Both are the horizontal ramp (c + 1)/32. Image 0: the left margin repeats column 0, the right one column 31.
        Assert.Equal(1f / Side, output[0, 0, 10, ..4].min().item<float>(), 6);
        Assert.Equal(1f / Side, output[0, 0, 10, ..4].max().item<float>(), 6);
        Assert.Equal(1f, output[0, 0, 10, ^4..].min().item<float>(), 6);
        Assert.Equal(0f, output[1, 0, 10, ..4].max().item<float>());
    }

    /// <summary>Image 0 is a horizontal ramp (c + 1)/S, image 1 a vertical one: bilinear sampling reproduces a linear
    /// function exactly, so each output pixel shows where it sampled the film.</summary>
    private static Tensor Ramps()
    {
        var ramp = (arange(Side, float32) + 1) / Side;
        return cat([ramp.view(1, 1, 1, Side).expand(1, 1, Side, Side), ramp.view(1, 1, Side, 1).expand(1, 1, Side, Side)], 0).contiguous();
    }

    /// <summary>Asserts output pixel j sampled the film at <c>scale · q_j + offset</c> (per axis) wherever that lies inside
    /// the film's pixel centres.</summary>
    private static void AssertFollows(Tensor output, double scaleX, double offsetX, double scaleY, double offsetY)
    {
        var checkedPixels = 0;
        for (var j = 0; j < Side; j++)
        {
            var q = (((2.0 * j) + 1) / Side) - 1;
            var (u, v) = (Pixel((scaleX * q) + offsetX), Pixel((scaleY * q) + offsetY));
            if (u is >= 0 and <= Side - 1)
            {
                Assert.Equal((u + 1) / Side, output[0, 0, Side / 2, j].item<float>(), 4);
                checkedPixels++;
            }

            if (v is >= 0 and <= Side - 1)
            {
                Assert.Equal((v + 1) / Side, output[1, 0, j, Side / 2].item<float>(), 4);
            }
        }

        Assert.True(checkedPixels >= Side / 4, $"only {checkedPixels} pixels checked");
    }

    /// <summary>affine_grid coordinate to pixel coordinate (align_corners false).</summary>
    private static double Pixel(double coordinate) => (((coordinate + 1) * Side) - 1) / 2;

    private static (double Row, double Column) Centroid(Tensor image)
    {
        var total = image.sum().item<float>();
        var rows = (image.sum(1L) * arange(Side, float32)).sum().item<float>() / total;
        // 0L: a literal 0 would bind to sum(ScalarType).
        var columns = (image.sum(0L) * arange(Side, float32)).sum().item<float>() / total;
        return (rows, columns);
    }
}
