namespace Cxr.Core.Imaging.Perturbations;

/// <summary>
/// The fixed, documented set of acquisition changes <c>cxr evaluate --robustness</c> measures (docs/evaluation/robustness.md).
/// Lengths are in model-input pixels (224 for the default model) or fractions of the input side, so they mean the same
/// on any film size; every member is deterministic. The set is small on purpose (21, one model run each per film), and
/// fixed, so tables from different models and runs compare; change it only together with the docs that quote it.
/// </summary>
public static class PerturbationCatalogue
{
    /// <summary>Seed of <c>noise-5</c>.</summary>
    public const int NoiseSeed = 12;

    /// <summary>The set, in table order: geometry (tilt, framing, position), then the detector's look (blur, sharpening,
    /// exposure curve, noise, compression), then the frame and the markers.</summary>
    public static IReadOnlyList<FilmPerturbation> Standard { get; } =
    [
        new Rotation("rotate-10", -10),
        new Rotation("rotate-5", -5),
        new Rotation("rotate+5", 5),
        new Rotation("rotate+10", 10),
        new CentreCrop("zoom-in-0.9", "zoom in to 0.9× of the field (5 % cut from each side)", 0.05),
        new Padding("zoom-out-1.1", "zoom out to 1.1× of the field (5 % added on each side, edges repeated)", 0.05, PaddingFill.Edge),
        new Shift("shift-up-8", 0, -8),
        new Shift("shift-down-8", 0, 8),
        new Shift("shift-left-8", -8, 0),
        new Shift("shift-right-8", 8, 0),
        new GaussianBlur("blur-1", 1),
        new UnsharpMask("unsharp-1", 1, 1),
        new Gamma("gamma-0.8", 0.8),
        new Gamma("gamma-1.25", 1.25),
        new GaussianNoise("noise-5", 5 / 255.0, NoiseSeed),
        new JpegReencode("jpeg-50", 50),
        new Padding("fov-wide", "wider field of view: a black border of 10 % on each side", 0.10, PaddingFill.Black),
        new CentreCrop("fov-narrow", "narrower field of view: 10 % cut from each side", 0.10),
        new BorderOcclusion("border-8", 0.08),
        new CornerPatch("marker-white", "a white square (8 % of the side) in the top-right corner, like a side marker", FilmCorner.TopRight, 255, 0.08, 0.04),
        new CornerPatch("patch-black", "a black patch (15 % of the side) over the top-left corner, where the \"R\" marker usually is", FilmCorner.TopLeft, 0, 0.15, 0),
    ];

    /// <summary>The member of <see cref="Standard"/> called <paramref name="name"/> (case-insensitive), or null.</summary>
    public static FilmPerturbation? Find(string name) =>
        Standard.FirstOrDefault(p => string.Equals(p.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));
}
