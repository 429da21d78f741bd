namespace Cxr.Core.Imaging.Perturbations;

/// <summary>How a film maps onto the model input: film pixels per model-input pixel along each axis, the model's
/// input side, and how much the resize attenuates pixel-independent noise.</summary>
/// <param name="X">Film pixels per model-input pixel, horizontally.</param>
/// <param name="Y">Film pixels per model-input pixel, vertically.</param>
/// <param name="ModelSize">Side of the model input (<see cref="PreprocessSpec.Size"/>).</param>
/// <param name="NoiseAttenuation">Standard deviation of independent per-pixel noise after the resize divided by the
/// one before it (1 when the film already has the model's size; about 2 / (3k) when k film pixels make one model pixel).</param>
public readonly record struct FilmScale(double X, double Y, int ModelSize, double NoiseAttenuation)
{
    /// <summary>A film that already has the model's size: one film pixel per model pixel.</summary>
    public static FilmScale Identity(int modelSize) => new(1, 1, modelSize, 1);

    /// <summary>The scale at which <see cref="ImagePipeline.Resize(GrayImage)"/> with <paramref name="spec"/> maps
    /// <paramref name="film"/>: stretch scales each axis to the side; letterbox scales the longer side.</summary>
    public static FilmScale Of(GrayImage film, PreprocessSpec spec)
    {
        ArgumentNullException.ThrowIfNull(film);
        ArgumentNullException.ThrowIfNull(spec);
        var (w, h) = spec.Mode == ResizeMode.Letterbox ? ImagePipeline.LetterboxSize(film.Width, film.Height, spec.Size) : (spec.Size, spec.Size);
        var attenuation = Math.Sqrt(
            AntialiasedResampler.NoiseVarianceGain(film.Width, w) * AntialiasedResampler.NoiseVarianceGain(film.Height, h));
        return new FilmScale((double)film.Width / w, (double)film.Height / h, spec.Size, attenuation);
    }

    /// <summary>A horizontal length of <paramref name="modelPixels"/> model pixels in whole film pixels.</summary>
    public int Horizontal(double modelPixels) => (int)Math.Round(modelPixels * X, MidpointRounding.AwayFromZero);

    /// <summary>A vertical length of <paramref name="modelPixels"/> model pixels in whole film pixels.</summary>
    public int Vertical(double modelPixels) => (int)Math.Round(modelPixels * Y, MidpointRounding.AwayFromZero);
}
