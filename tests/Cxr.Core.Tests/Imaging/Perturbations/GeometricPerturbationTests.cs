using Cxr.Core.Imaging;
using Cxr.Core.Imaging.Perturbations;

namespace Cxr.Core.Tests.Imaging.Perturbations;

/// <summary>Rotation, shift, crop, padding, border and corner patches move or cover exactly what they say.</summary>
public class GeometricPerturbationTests
{
    private static readonly PreprocessSpec Model224 = new(224);

    [Theory]
    [InlineData(10)]
    [InlineData(-10)]
    [InlineData(5)]
    public void Rotation_turns_a_bright_dot_counter_clockwise_about_the_centre(double degrees)
    {
        // 225 px: the centre is pixel 112's centre (112.5); the dot sits 41 px to its right.
        var film = FilmImages.Dot(225, 225, 153, 112);
        var turned = new Rotation("r", degrees).Apply(film, new PreprocessSpec(225));
        var (x, y) = FilmImages.Centroid(turned);
        var radians = degrees * Math.PI / 180;
        // Counter-clockwise as displayed: with rows growing downwards, a positive angle moves the dot up.
        Assert.Equal(112.5 + (41 * Math.Cos(radians)), x, 0.2);
        Assert.Equal(112.5 - (41 * Math.Sin(radians)), y, 0.2);
    }

    [Fact]
    public void Rotation_by_zero_and_shift_by_zero_change_nothing()
    {
        var film = FilmImages.Radiograph();
        Assert.Equal(film.Pixels, new Rotation("r", 0).Apply(film, Model224).Pixels);
        Assert.Equal(film.Pixels, new Shift("s", 0, 0).Apply(film, Model224).Pixels);
    }

    [Fact]
    public void Rotation_repeats_the_edge_instead_of_adding_black_corners()
    {
        var turned = new Rotation("r", 10).Apply(FilmImages.Flat(100, 80, 200), new PreprocessSpec(100));
        Assert.All(turned.Pixels, p => Assert.Equal(200, p));
    }

    [Fact]
    public void Shift_moves_by_model_pixels_scaled_to_the_film()
    {
        // At the model's size 8 px are 8 film pixels; on a film twice as large they are 16.
        var small = new Shift("down", 0, 8).Apply(FilmImages.Dot(224, 224, 100, 100), Model224);
        Assert.Equal((100.5, 108.5), FilmImages.Centroid(small));
        var large = new Shift("left", -8, 0).Apply(FilmImages.Dot(448, 448, 200, 200), Model224);
        Assert.Equal((184.5, 200.5), FilmImages.Centroid(large));
    }

    [Fact]
    public void Shift_fills_the_side_it_leaves_with_the_edge()
    {
        var pixels = new byte[10 * 10];
        for (var y = 0; y < 10; y++)
        {
            pixels[y * 10] = 77; // the left column
        }

        var shifted = new Shift("right", 3, 0).Apply(new GrayImage(10, 10, pixels), new PreprocessSpec(10));
        for (var y = 0; y < 10; y++)
        {
            Assert.Equal([77, 77, 77, 77, 0], Enumerable.Range(0, 5).Select(x => shifted[x, y]));
        }
    }

    [Fact]
    public void Centre_crop_cuts_the_fraction_of_the_model_side_from_each_edge()
    {
        var film = FilmImages.Radiograph();
        var cropped = new CentreCrop("c", "", 0.05).Apply(film, Model224);
        // 5 % of 224 = 11.2 → 11 px a side.
        Assert.Equal((202, 202), (cropped.Width, cropped.Height));
        Assert.Equal(film[11, 11], cropped[0, 0]);
        Assert.Equal(film[212, 212], cropped[201, 201]);

        // A non-square film under stretch: the fraction follows each axis (10 % of 200 wide, of 100 high).
        var wide = new CentreCrop("c", "", 0.10).Apply(FilmImages.Flat(200, 100, 9), new PreprocessSpec(50));
        Assert.Equal((160, 80), (wide.Width, wide.Height));
    }

    [Fact]
    public void Black_padding_frames_the_untouched_film()
    {
        var film = FilmImages.Radiograph();
        var padded = new Padding("p", "", 0.10, PaddingFill.Black).Apply(film, Model224);
        // 10 % of 224 = 22.4 → 22 px a side.
        Assert.Equal((268, 268), (padded.Width, padded.Height));
        for (var y = 0; y < 268; y++)
        {
            for (var x = 0; x < 268; x++)
            {
                var inside = x >= 22 && x < 246 && y >= 22 && y < 246;
                Assert.Equal(inside ? film[x - 22, y - 22] : 0, padded[x, y]);
            }
        }
    }

    [Fact]
    public void Edge_padding_repeats_the_nearest_film_pixel()
    {
        var film = FilmImages.Radiograph();
        var padded = new Padding("p", "", 0.05, PaddingFill.Edge).Apply(film, Model224);
        Assert.Equal((246, 246), (padded.Width, padded.Height));
        Assert.Equal(film[0, 0], padded[0, 0]);
        Assert.Equal(film[223, 0], padded[245, 3]);
        Assert.Equal(film[100, 223], padded[111, 245]);
        Assert.Equal(film[100, 100], padded[111, 111]);
    }

    [Fact]
    public void Border_occlusion_blackens_the_frame_and_keeps_the_middle()
    {
        var film = FilmImages.Flat(224, 224, 180);
        var framed = new BorderOcclusion("b", 0.08).Apply(film, Model224);
        // 8 % of 224 = 17.9 → 18 px.
        for (var y = 0; y < 224; y++)
        {
            for (var x = 0; x < 224; x++)
            {
                var frame = x < 18 || x >= 206 || y < 18 || y >= 206;
                Assert.Equal(frame ? 0 : 180, framed[x, y]);
            }
        }
    }

    [Theory]
    [InlineData(FilmCorner.TopRight, 197, 9)]
    [InlineData(FilmCorner.BottomLeft, 9, 197)]
    public void Corner_patch_covers_a_square_at_its_corner_and_nothing_else(FilmCorner corner, int left, int top)
    {
        var film = FilmImages.Radiograph();
        var marked = new CornerPatch("m", "", corner, 255, 0.08, 0.04).Apply(film, Model224);
        // 8 % of 224 → 18 px square, 4 % → 9 px from both edges.
        for (var y = 0; y < 224; y++)
        {
            for (var x = 0; x < 224; x++)
            {
                var inside = x >= left && x < left + 18 && y >= top && y < top + 18;
                Assert.Equal(inside ? 255 : film[x, y], marked[x, y]);
            }
        }
    }
}
