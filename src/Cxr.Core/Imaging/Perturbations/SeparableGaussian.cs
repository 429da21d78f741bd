namespace Cxr.Core.Imaging.Perturbations;

/// <summary>Gaussian blur of an 8-bit film in two 1-D passes (taps out to 3 σ, normalised; edges repeated), kept in
/// floating point so that <see cref="UnsharpMask"/> can subtract it without a rounding step in between.</summary>
internal static class SeparableGaussian
{
    public static float[] Blur(GrayImage film, double sigmaX, double sigmaY)
    {
        int w = film.Width, h = film.Height;
        var source = new float[w * h];
        for (var i = 0; i < source.Length; i++)
        {
            source[i] = film.Pixels[i];
        }

        var horizontal = Pass(source, w, h, Taps(sigmaX), alongRows: true);
        return Pass(horizontal, w, h, Taps(sigmaY), alongRows: false);
    }

    private static float[] Taps(double sigma)
    {
        if (!(sigma > 0))
        {
            return [1f];
        }

        var radius = Math.Max(1, (int)Math.Ceiling(3 * sigma));
        var taps = new double[(2 * radius) + 1];
        for (var i = -radius; i <= radius; i++)
        {
            taps[i + radius] = Math.Exp(-(i * i) / (2 * sigma * sigma));
        }

        var sum = taps.Sum();
        return [.. taps.Select(t => (float)(t / sum))];
    }

    private static float[] Pass(float[] source, int w, int h, float[] taps, bool alongRows)
    {
        if (taps.Length == 1)
        {
            return source;
        }

        var radius = taps.Length / 2;
        var output = new float[source.Length];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                float sum = 0;
                for (var k = -radius; k <= radius; k++)
                {
                    var index = alongRows
                        ? (y * w) + FilmPixels.Clamp(x + k, w)
                        : (FilmPixels.Clamp(y + k, h) * w) + x;
                    sum += source[index] * taps[k + radius];
                }

                output[(y * w) + x] = sum;
            }
        }

        return output;
    }
}
