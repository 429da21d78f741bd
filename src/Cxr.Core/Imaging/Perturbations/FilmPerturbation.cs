namespace Cxr.Core.Imaging.Perturbations;

/// <summary>
/// One deliberate, deterministic change to a decoded film, of the kind a different machine, technician or protocol
/// makes (a tilt, a framing, a sharper or noisier detector, a re-encoded file), applied <em>before</em> the model's own
/// <see cref="ImagePipeline"/> resizes it — so the model meets it as it would meet such a film uploaded.
/// </summary>
/// <remarks>
/// Magnitudes are given in model-input pixels (or as fractions of the model's input side) and converted to film pixels
/// with <see cref="FilmScale"/>, so "8 pixels" means the same to the model whether the film is 224 or 2,000 pixels wide.
/// The input is never modified; every call returns a new image, and the same input always gives the same output.
/// The fixed set <c>cxr evaluate --robustness</c> runs is <see cref="PerturbationCatalogue.Standard"/>.
/// </remarks>
/// <param name="Name">Short, stable identifier (used on the command line and as the key in <c>metrics.json</c>).</param>
/// <param name="Description">What it does, with its magnitude, in one phrase.</param>
public abstract record FilmPerturbation(string Name, string Description)
{
    /// <summary>Applies the change to <paramref name="film"/> for a model whose preprocessing is <paramref name="spec"/>.</summary>
    public GrayImage Apply(GrayImage film, PreprocessSpec spec)
    {
        ArgumentNullException.ThrowIfNull(film);
        ArgumentNullException.ThrowIfNull(spec);
        return Apply(film, FilmScale.Of(film, spec));
    }

    /// <summary>Applies the change to <paramref name="film"/>, whose relation to the model input is <paramref name="scale"/>.</summary>
    public abstract GrayImage Apply(GrayImage film, FilmScale scale);
}
