namespace Cxr.Core.Imaging.Perturbations;

/// <summary>Collimator shutters or a cropped scan: a black frame <paramref name="FractionPerSide"/> of the model's input
/// side wide on every edge, over the film (its size does not change).</summary>
public sealed record BorderOcclusion(string Name, double FractionPerSide)
    : FilmPerturbation(Name, $"black frame over the outer {FractionPerSide * 100:0.#} % of each side")
{
    public override GrayImage Apply(GrayImage film, FilmScale scale)
    {
        ArgumentNullException.ThrowIfNull(film);
        int w = film.Width, h = film.Height;
        var bx = scale.Horizontal(FractionPerSide * scale.ModelSize);
        var by = scale.Vertical(FractionPerSide * scale.ModelSize);
        var output = (byte[])film.Pixels.Clone();
        for (var y = 0; y < h; y++)
        {
            var edgeRow = y < by || y >= h - by;
            for (var x = 0; x < w; x++)
            {
                if (edgeRow || x < bx || x >= w - bx)
                {
                    output[(y * w) + x] = 0;
                }
            }
        }

        return new GrayImage(w, h, output);
    }
}
