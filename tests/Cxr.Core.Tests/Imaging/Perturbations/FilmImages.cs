using Cxr.Core.Imaging;

namespace Cxr.Core.Tests.Imaging.Perturbations;

/// <summary>Small synthetic films for the perturbation tests, and the measurements they need.</summary>
internal static class FilmImages
{
    public static GrayImage Flat(int width, int height, byte value) => new(width, height, Enumerable.Repeat(value, width * height).ToArray());

    /// <summary>Black, with a white square of side <paramref name="side"/> centred on pixel (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public static GrayImage Dot(int width, int height, int x, int y, int side = 3)
    {
        var pixels = new byte[width * height];
        for (var dy = -(side / 2); dy <= side / 2; dy++)
        {
            for (var dx = -(side / 2); dx <= side / 2; dx++)
            {
                pixels[((y + dy) * width) + x + dx] = 255;
            }
        }

        return new GrayImage(width, height, pixels);
    }

    /// <summary>The brightness-weighted centre in continuous coordinates (pixel i's centre at i + 0.5).</summary>
    public static (double X, double Y) Centroid(GrayImage image)
    {
        double sum = 0, sx = 0, sy = 0;
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                var v = image[x, y];
                sum += v;
                sx += v * (x + 0.5);
                sy += v * (y + 0.5);
            }
        }

        return (sx / sum, sy / sum);
    }

    public static (double Mean, double Std) Moments(GrayImage image)
    {
        var mean = image.Pixels.Average(p => (double)p);
        var variance = image.Pixels.Average(p => (p - mean) * (p - mean));
        return (mean, Math.Sqrt(variance));
    }

    /// <summary>A 224 × 224 drawn radiograph (<see cref="SyntheticRadiograph"/>), never patient data.</summary>
    public static GrayImage Radiograph(int width = 224, int height = 224) => new(width, height, SyntheticRadiograph.Pixels(width, height));
}
