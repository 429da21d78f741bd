namespace Cxr.Core.Imaging.Perturbations;

/// <summary>A side marker added, or one covered: a square of gray level <paramref name="Value"/> whose side is
/// <paramref name="SizeFraction"/> of the model's input side, <paramref name="MarginFraction"/> of it away from both
/// edges of <paramref name="Corner"/> (square as the model sees it).</summary>
public sealed record CornerPatch(string Name, string Description, FilmCorner Corner, byte Value, double SizeFraction, double MarginFraction)
    : FilmPerturbation(Name, Description)
{
    public override GrayImage Apply(GrayImage film, FilmScale scale)
    {
        ArgumentNullException.ThrowIfNull(film);
        int w = film.Width, h = film.Height;
        var sw = Math.Min(w, scale.Horizontal(SizeFraction * scale.ModelSize));
        var sh = Math.Min(h, scale.Vertical(SizeFraction * scale.ModelSize));
        var mx = Math.Min(w - sw, scale.Horizontal(MarginFraction * scale.ModelSize));
        var my = Math.Min(h - sh, scale.Vertical(MarginFraction * scale.ModelSize));
        var left = Corner is FilmCorner.TopLeft or FilmCorner.BottomLeft ? mx : w - mx - sw;
        var top = Corner is FilmCorner.TopLeft or FilmCorner.TopRight ? my : h - my - sh;
        var output = (byte[])film.Pixels.Clone();
        for (var y = top; y < top + sh; y++)
        {
            output.AsSpan((y * w) + left, sw).Fill(Value);
        }

        return new GrayImage(w, h, output);
    }
}
