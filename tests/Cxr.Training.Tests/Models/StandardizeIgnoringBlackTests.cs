using Cxr.Testing.Images;
using Cxr.Training.Models;
using static TorchSharp.torch;

namespace Cxr.Training.Tests.Models;

/// <summary><see cref="CxrModel.Standardize(Tensor, bool)"/> with black pixels left out of the statistics: what it
/// computes, and the property it is for (a black margin does not rescale the film).</summary>
public sealed class StandardizeIgnoringBlackTests
{
    private const int Size = 64;

    [Fact]
    public void The_mean_and_variance_are_those_of_the_pixels_above_the_black_level()
    {
        var film = Framed(SampleImages.One(Size, 3), 8);
        var bright = film.Select(v => (double)v).Where(v => v > CxrModel.StandardizeBlackLevel).ToArray();
        Assert.InRange(bright.Length, 1, film.Length - (4 * 8 * (Size - 8)));
        var mean = bright.Average();
        var deviation = Math.Sqrt(bright.Average(v => (v - mean) * (v - mean)) + CxrModel.StandardizeEpsilon);

        var standardized = Run(film, ignoreBlack: true, ScalarType.Float64);
        var expected = film.Select(v => (v - mean) / deviation).ToArray();
        Assert.InRange(expected.Zip(standardized, (a, b) => Math.Abs(a - b)).Max(), 0, 1e-12);
    }

    [Fact]
    public void A_wider_black_margin_leaves_the_film_as_it_was_and_over_all_pixels_it_does_not()
    {
        // The film lifted above the black level, so the margin is the only black there is; then the same film in a
        // canvas of 64 and of 80 pixels, i.e. with a black margin of 6 and of 14 pixels a side (fov-wide's situation).
        var film = SampleImages.One(52, 5).Select(v => 0.1f + (0.9f * v)).ToArray();

        double MaxFilmChange(bool ignoreBlack)
        {
            var narrow = Run(Canvas(film, 52, 64), 64, ignoreBlack, ScalarType.Float32);
            var wide = Run(Canvas(film, 52, 80), 80, ignoreBlack, ScalarType.Float32);
            return Enumerable.Range(0, film.Length)
                .Max(i => Math.Abs(narrow[(((i / 52) + 6) * 64) + (i % 52) + 6] - wide[(((i / 52) + 14) * 80) + (i % 52) + 14]));
        }

        Assert.InRange(MaxFilmChange(ignoreBlack: true), 0, 1e-5);
        Assert.InRange(MaxFilmChange(ignoreBlack: false), 0.1, double.MaxValue);
    }

    [Fact]
    public void An_all_black_image_gives_finite_values()
    {
        var standardized = Run(new float[Size * Size], ignoreBlack: true, ScalarType.Float32);
        Assert.All(standardized, v => Assert.Equal(0, v));
    }

    [Fact]
    public void Cxrnet_uses_it_only_when_it_standardises()
    {
        using var on = new CxrNet(new CxrNetOptions(InputSize: Size, StemWidth: 8, Widths: [8, 16], StandardizeIgnoresBlack: true));
        using var off = new CxrNet(new CxrNetOptions(InputSize: Size, StemWidth: 8, Widths: [8, 16], Standardize: false, StandardizeIgnoresBlack: true));
        Assert.Equal((true, true), (on.StandardizesInput, on.StandardizationIgnoresBlack));
        Assert.Equal((false, false), (off.StandardizesInput, off.StandardizationIgnoresBlack));
    }

    private static double[] Run(float[] film, bool ignoreBlack, ScalarType type) => Run(film, Size, ignoreBlack, type);

    private static double[] Run(float[] film, int size, bool ignoreBlack, ScalarType type)
    {
        using var scope = NewDisposeScope();
        var input = tensor(film, [1, 1, size, size]).to_type(type);
        return CxrModel.Standardize(input, ignoreBlack).to_type(ScalarType.Float64).data<double>().ToArray();
    }

    private static bool Inside(int index, int width) =>
        index % Size >= width && index % Size < Size - width && index / Size >= width && index / Size < Size - width;

    /// <summary><paramref name="film"/> (side <paramref name="side"/>) in the middle of a black canvas.</summary>
    private static float[] Canvas(float[] film, int side, int canvas)
    {
        var output = new float[canvas * canvas];
        var margin = (canvas - side) / 2;
        for (var i = 0; i < film.Length; i++)
        {
            output[(((i / side) + margin) * canvas) + (i % side) + margin] = film[i];
        }

        return output;
    }

    private static float[] Framed(float[] film, int width) =>
        film.Select((v, i) => Inside(i, width) ? v : 0f).ToArray();
}
