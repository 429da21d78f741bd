namespace Cxr.Core.Imaging.Perturbations;

/// <summary>A wider framing: <paramref name="FractionPerSide"/> of the model's input side is added on each edge (in
/// film pixels at the film's scale), filled as <paramref name="Fill"/> says; the pipeline then shrinks the larger film
/// to the model's size — a zoom out of 1 + 2 × fraction.</summary>
public sealed record Padding(string Name, string Description, double FractionPerSide, PaddingFill Fill) : FilmPerturbation(Name, Description)
{
    public override GrayImage Apply(GrayImage film, FilmScale scale)
    {
        ArgumentNullException.ThrowIfNull(film);
        var left = scale.Horizontal(FractionPerSide * scale.ModelSize);
        var top = scale.Vertical(FractionPerSide * scale.ModelSize);
        int w = film.Width + (2 * left), h = film.Height + (2 * top);
        var output = new byte[w * h];
        for (var y = 0; y < h; y++)
        {
            var sy = y - top;
            var inside = sy >= 0 && sy < film.Height;
            if (!inside && Fill == PaddingFill.Black)
            {
                continue;
            }

            var row = FilmPixels.Clamp(sy, film.Height) * film.Width;
            for (var x = 0; x < w; x++)
            {
                var sx = x - left;
                if (Fill == PaddingFill.Black && (sx < 0 || sx >= film.Width))
                {
                    continue;
                }

                output[(y * w) + x] = film.Pixels[row + FilmPixels.Clamp(sx, film.Width)];
            }
        }

        return new GrayImage(w, h, output);
    }
}
