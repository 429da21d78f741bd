namespace Cxr.Core.Imaging.Perturbations;

/// <summary>A softer detector or slight motion: Gaussian blur with standard deviation <paramref name="Sigma"/> model
/// pixels (scaled to the film along each axis).</summary>
public sealed record GaussianBlur(string Name, double Sigma)
    : FilmPerturbation(Name, $"Gaussian blur, σ = {Sigma:0.##} px")
{
    public override GrayImage Apply(GrayImage film, FilmScale scale)
    {
        ArgumentNullException.ThrowIfNull(film);
        var blurred = SeparableGaussian.Blur(film, Sigma * scale.X, Sigma * scale.Y);
        var output = new byte[blurred.Length];
        for (var i = 0; i < output.Length; i++)
        {
            output[i] = FilmPixels.ToByte(blurred[i]);
        }

        return new GrayImage(film.Width, film.Height, output);
    }
}
