namespace Cxr.Core.Imaging.Perturbations;

/// <summary>A patient or detector tilted by <paramref name="Degrees"/> (positive = counter-clockwise as displayed),
/// about the film's centre, bilinear; the corners that come into view repeat the nearest edge pixel rather than turning
/// black, so the change is the tilt alone and not a new black border.</summary>
public sealed record Rotation(string Name, double Degrees)
    : FilmPerturbation(Name, $"rotated {Degrees:+0.##;-0.##}° about the centre (+ = counter-clockwise), edges repeated")
{
    public override GrayImage Apply(GrayImage film, FilmScale scale)
    {
        ArgumentNullException.ThrowIfNull(film);
        int w = film.Width, h = film.Height;
        var radians = Degrees * Math.PI / 180;
        var (sin, cos) = Math.SinCos(radians);
        double cx = w / 2.0, cy = h / 2.0;
        var output = new byte[w * h];
        for (var y = 0; y < h; y++)
        {
            var dy = y + 0.5 - cy;
            for (var x = 0; x < w; x++)
            {
                // The inverse map: which film point lands on this output pixel (rows grow downwards, so a
                // counter-clockwise turn on screen is a clockwise one in these coordinates).
                var dx = x + 0.5 - cx;
                output[(y * w) + x] = FilmPixels.ToByte(FilmPixels.Bilinear(film, cx + (dx * cos) - (dy * sin), cy + (dx * sin) + (dy * cos)));
            }
        }

        return new GrayImage(w, h, output);
    }
}
