namespace Cxr.Core.Imaging.Perturbations;

/// <summary>A noisier detector: independent Gaussian noise of standard deviation <paramref name="Sigma"/> (in [0, 1]
/// units, as the model sees pixels) after the resize to the model's size. On a film larger than the model input the
/// resize averages noise away, so the noise added to the film is stronger by <c>1 / NoiseAttenuation</c>
/// (<see cref="FilmScale"/>). The same <paramref name="Seed"/> gives the same noise for every film of one size, on
/// every run and platform (<see cref="Random(int)"/> and Box–Muller).</summary>
public sealed record GaussianNoise(string Name, double Sigma, int Seed)
    : FilmPerturbation(Name, $"Gaussian noise, σ = {Sigma * 255:0.#}/255 as the model sees it (seed {Seed})")
{
    public override GrayImage Apply(GrayImage film, FilmScale scale)
    {
        ArgumentNullException.ThrowIfNull(film);
        var sigma = Sigma * 255 / scale.NoiseAttenuation;
        var random = new Random(Seed);
        var output = new byte[film.Pixels.Length];
        for (var i = 0; i < output.Length; i += 2)
        {
            // Box–Muller: two independent standard normals per pair of uniforms; 1 − u keeps the logarithm finite.
            var radius = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble()));
            var (sin, cos) = Math.SinCos(2 * Math.PI * random.NextDouble());
            output[i] = FilmPixels.ToByte(film.Pixels[i] + (sigma * radius * cos));
            if (i + 1 < output.Length)
            {
                output[i + 1] = FilmPixels.ToByte(film.Pixels[i + 1] + (sigma * radius * sin));
            }
        }

        return new GrayImage(film.Width, film.Height, output);
    }
}
