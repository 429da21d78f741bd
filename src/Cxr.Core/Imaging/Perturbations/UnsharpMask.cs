namespace Cxr.Core.Imaging.Perturbations;

/// <summary>Vendor edge enhancement: <c>film + Amount × (film − blur(film, Sigma))</c>, clamped, with the blur's σ in
/// model pixels — the "sharpened" look some digital systems give every film.</summary>
public sealed record UnsharpMask(string Name, double Sigma, double Amount)
    : FilmPerturbation(Name, $"unsharp mask, σ = {Sigma:0.##} px, amount {Amount * 100:0} %")
{
    public override GrayImage Apply(GrayImage film, FilmScale scale)
    {
        ArgumentNullException.ThrowIfNull(film);
        var blurred = SeparableGaussian.Blur(film, Sigma * scale.X, Sigma * scale.Y);
        var output = new byte[blurred.Length];
        for (var i = 0; i < output.Length; i++)
        {
            var value = film.Pixels[i];
            output[i] = FilmPixels.ToByte(value + (Amount * (value - blurred[i])));
        }

        return new GrayImage(film.Width, film.Height, output);
    }
}
