namespace Cxr.Core.Imaging.Perturbations;

/// <summary>Small pixel helpers the perturbations share.</summary>
internal static class FilmPixels
{
    /// <summary>Rounds to the nearest 8-bit value (halves up), clamped to 0..255.</summary>
    public static byte ToByte(double value) => value <= 0 ? (byte)0 : value >= 255 ? (byte)255 : (byte)(value + 0.5);

    /// <summary>Bilinear sample at continuous coordinates (pixel <c>i</c>'s centre is <c>i + 0.5</c>); outside the
    /// film the nearest edge pixel is repeated.</summary>
    public static double Bilinear(GrayImage film, double x, double y)
    {
        var u = x - 0.5;
        var v = y - 0.5;
        var x0 = (int)Math.Floor(u);
        var y0 = (int)Math.Floor(v);
        var fx = u - x0;
        var fy = v - y0;
        int xa = Clamp(x0, film.Width), xb = Clamp(x0 + 1, film.Width);
        int ya = Clamp(y0, film.Height), yb = Clamp(y0 + 1, film.Height);
        var p = film.Pixels;
        var top = (p[(ya * film.Width) + xa] * (1 - fx)) + (p[(ya * film.Width) + xb] * fx);
        var bottom = (p[(yb * film.Width) + xa] * (1 - fx)) + (p[(yb * film.Width) + xb] * fx);
        return (top * (1 - fy)) + (bottom * fy);
    }

    /// <summary><paramref name="i"/> clamped to 0..<paramref name="length"/> − 1.</summary>
    public static int Clamp(int i, int length) => i < 0 ? 0 : i >= length ? length - 1 : i;
}
