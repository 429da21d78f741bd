namespace Cxr.Core.Imaging.Perturbations;

/// <summary>Another exposure or display curve: <c>255 × (v / 255)^Exponent</c> per pixel (below 1 brightens the
/// mid-tones, above 1 darkens them; black and white stay).</summary>
public sealed record Gamma(string Name, double Exponent)
    : FilmPerturbation(Name, $"gamma {Exponent:0.##} ({(Exponent < 1 ? "brighter" : "darker")} mid-tones)")
{
    public override GrayImage Apply(GrayImage film, FilmScale scale)
    {
        ArgumentNullException.ThrowIfNull(film);
        var table = new byte[256];
        for (var v = 0; v < 256; v++)
        {
            table[v] = FilmPixels.ToByte(255 * Math.Pow(v / 255.0, Exponent));
        }

        var output = new byte[film.Pixels.Length];
        for (var i = 0; i < output.Length; i++)
        {
            output[i] = table[film.Pixels[i]];
        }

        return new GrayImage(film.Width, film.Height, output);
    }
}
