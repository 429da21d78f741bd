namespace Cxr.Core.Imaging.Perturbations;

/// <summary>A tighter framing: <paramref name="FractionPerSide"/> of the model's input side is cut from each edge (in
/// film pixels at the film's scale), and the pipeline then stretches what is left to the model's size — a zoom in of
/// 1 / (1 − 2 × fraction).</summary>
public sealed record CentreCrop(string Name, string Description, double FractionPerSide) : FilmPerturbation(Name, Description)
{
    public override GrayImage Apply(GrayImage film, FilmScale scale)
    {
        ArgumentNullException.ThrowIfNull(film);
        var left = Math.Min(scale.Horizontal(FractionPerSide * scale.ModelSize), (film.Width - 1) / 2);
        var top = Math.Min(scale.Vertical(FractionPerSide * scale.ModelSize), (film.Height - 1) / 2);
        int w = film.Width - (2 * left), h = film.Height - (2 * top);
        var output = new byte[w * h];
        for (var y = 0; y < h; y++)
        {
            film.Pixels.AsSpan(((y + top) * film.Width) + left, w).CopyTo(output.AsSpan(y * w, w));
        }

        return new GrayImage(w, h, output);
    }
}
