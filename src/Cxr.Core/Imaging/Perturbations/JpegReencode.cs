using SkiaSharp;

namespace Cxr.Core.Imaging.Perturbations;

/// <summary>A film that went through a lossy archive or a messenger: encoded as a grayscale JPEG at
/// <paramref name="Quality"/> (SkiaSharp's libjpeg-turbo) and decoded again.</summary>
public sealed record JpegReencode(string Name, int Quality)
    : FilmPerturbation(Name, $"re-encoded as JPEG, quality {Quality}")
{
    public override GrayImage Apply(GrayImage film, FilmScale scale)
    {
        ArgumentNullException.ThrowIfNull(film);
        var info = new SKImageInfo(film.Width, film.Height, SKColorType.Gray8, SKAlphaType.Opaque);
        using var image = SKImage.FromPixelCopy(info, film.Pixels, film.Width)
            ?? throw new InvalidOperationException("SkiaSharp could not wrap the film's pixels.");
        using var encoded = image.Encode(SKEncodedImageFormat.Jpeg, Quality)
            ?? throw new InvalidOperationException($"SkiaSharp could not encode a {film.Width} × {film.Height} JPEG.");
        using var codec = SKCodec.Create(encoded)
            ?? throw new InvalidOperationException("SkiaSharp could not read back the JPEG it wrote.");
        var result = codec.GetPixels(info, out var pixels);
        if (result != SKCodecResult.Success)
        {
            throw new InvalidOperationException($"SkiaSharp could not decode the JPEG it wrote ({result}).");
        }

        return new GrayImage(film.Width, film.Height, pixels);
    }
}
