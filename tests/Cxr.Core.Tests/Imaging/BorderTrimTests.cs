using Cxr.Core.Imaging;

namespace Cxr.Core.Tests.Imaging;

public class BorderTrimTests
{
    private static readonly BorderTrim Trim = BorderTrim.Dark();

    /// <summary>A 100 × 80 film of mid-gray content (values 90..169) with black bands of the given widths.</summary>
    private static GrayImage Framed(int left, int top, int right, int bottom, int width = 100, int height = 80, byte border = 0)
    {
        var pixels = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var inside = x >= left && x < width - right && y >= top && y < height - bottom;
                pixels[(y * width) + x] = inside ? (byte)(90 + ((x * 7 + y * 3) % 80)) : border;
            }
        }

        return new GrayImage(width, height, pixels);
    }

    [Theory]
    [InlineData(0, 0, 0, 0)]
    [InlineData(8, 8, 8, 8)]
    [InlineData(3, 0, 12, 5)]
    [InlineData(0, 20, 0, 0)]
    public void Finds_the_black_bands_on_each_side(int left, int top, int right, int bottom)
    {
        var image = Framed(left, top, right, bottom);
        Assert.Equal((left, top, 100 - left - right, 80 - top - bottom), Trim.Find(image));
        var kept = Trim.Apply(image);
        Assert.Equal((100 - left - right, 80 - top - bottom), (kept.Width, kept.Height));
        Assert.All(kept.Pixels, p => Assert.InRange(p, (byte)90, (byte)169));
    }

    [Fact]
    public void Nothing_cut_gives_the_same_instance_and_none_never_cuts()
    {
        var plain = Framed(0, 0, 0, 0);
        Assert.Same(plain, Trim.Apply(plain));
        var framed = Framed(10, 10, 10, 10);
        Assert.Same(framed, BorderTrim.None.Apply(framed));
        Assert.Equal((0, 0, 100, 80), BorderTrim.None.Find(framed));
    }

    [Fact]
    public void A_noisy_dark_border_up_to_the_level_counts_and_a_brighter_one_does_not()
    {
        Assert.Equal((6, 6, 88, 68), Trim.Find(Framed(6, 6, 6, 6, border: BorderTrim.DefaultLevel)));
        Assert.Equal((0, 0, 100, 80), Trim.Find(Framed(6, 6, 6, 6, border: BorderTrim.DefaultLevel + 1)));
    }

    [Fact]
    public void A_few_bright_pixels_in_a_border_row_are_tolerated_but_not_more_than_the_share()
    {
        // 2 % of a 100-pixel row may be bright (a side marker in the shutter); 3 % stops the trim at that row.
        var image = Framed(0, 5, 0, 0);
        image.Pixels[(2 * 100) + 40] = 255;
        image.Pixels[(2 * 100) + 41] = 255;
        Assert.Equal((0, 5, 100, 75), Trim.Find(image));
        image.Pixels[(2 * 100) + 42] = 255;
        Assert.Equal((0, 2, 100, 78), Trim.Find(image));
    }

    [Fact]
    public void At_most_the_cap_is_cut_from_each_side()
    {
        // An all-black image keeps its middle half on each axis; a 40 % band keeps 75 % of the height.
        Assert.Equal((25, 20, 50, 40), Trim.Find(new GrayImage(100, 80, new byte[8000])));
        Assert.Equal((0, 20, 100, 60), Trim.Find(Framed(0, 32, 0, 0)));
    }

    [Fact]
    public void Columns_are_judged_on_the_rows_that_are_left()
    {
        // A 50-row black band on top of a 100 × 200 film, and a first column that is black except for 4 bright pixels
        // below the band: 196 of 200 (98 %) dark over the whole height, but 146 of 150 (97.3 %) over the rows that are
        // left once the band is cut, so it is content and stays.
        var image = Framed(0, 50, 0, 0, width: 100, height: 200);
        for (var y = 50; y < 200; y++)
        {
            image.Pixels[y * 100] = y is 60 or 90 or 120 or 150 ? (byte)200 : (byte)0;
        }

        Assert.Equal((0, 50, 100, 150), Trim.Find(image));
    }

    [Theory]
    [InlineData(-1, 0.98, 0.25)]
    [InlineData(255, 0.98, 0.25)]
    [InlineData(16, 0, 0.25)]
    [InlineData(16, 1.01, 0.25)]
    [InlineData(16, 0.98, 0)]
    [InlineData(16, 0.98, 0.5)]
    public void Out_of_range_parameters_are_refused(int level, double share, double max) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => BorderTrim.Dark(level, share, max));

    [Fact]
    public void Equal_trims_compare_equal_and_describe_themselves()
    {
        Assert.Equal(BorderTrim.Dark(), BorderTrim.Dark(16, 0.98, 0.25));
        Assert.NotEqual(BorderTrim.Dark(), BorderTrim.Dark(20));
        Assert.NotEqual(BorderTrim.None, BorderTrim.Dark());
        Assert.Equal("none", BorderTrim.None.ToString());
        Assert.Equal("dark borders (≤ 16 on ≥ 98 % of a row or column, at most 25 % a side)", BorderTrim.Dark().ToString());
    }
}
