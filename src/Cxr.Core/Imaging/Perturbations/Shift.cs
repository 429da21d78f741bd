namespace Cxr.Core.Imaging.Perturbations;

/// <summary>The patient placed off-centre: the picture moves <paramref name="Right"/> model pixels to the right and
/// <paramref name="Down"/> down (negative = left, up), in whole film pixels; the side it leaves repeats the edge.</summary>
public sealed record Shift(string Name, int Right, int Down)
    : FilmPerturbation(Name, $"shifted {Describe(Right, Down)} (model pixels), edge repeated")
{
    public override GrayImage Apply(GrayImage film, FilmScale scale)
    {
        ArgumentNullException.ThrowIfNull(film);
        int w = film.Width, h = film.Height;
        int dx = scale.Horizontal(Right), dy = scale.Vertical(Down);
        var output = new byte[w * h];
        for (var y = 0; y < h; y++)
        {
            var row = FilmPixels.Clamp(y - dy, h) * w;
            for (var x = 0; x < w; x++)
            {
                output[(y * w) + x] = film.Pixels[row + FilmPixels.Clamp(x - dx, w)];
            }
        }

        return new GrayImage(w, h, output);
    }

    private static string Describe(int right, int down)
    {
        var parts = new List<string>(2);
        if (down != 0)
        {
            parts.Add($"{Math.Abs(down)} px {(down < 0 ? "up" : "down")}");
        }

        if (right != 0 || parts.Count == 0)
        {
            parts.Add($"{Math.Abs(right)} px {(right < 0 ? "left" : "right")}");
        }

        return string.Join(" and ", parts);
    }
}
