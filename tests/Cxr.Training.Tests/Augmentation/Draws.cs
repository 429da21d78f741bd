using Cxr.Training.Augmentation;

namespace Cxr.Training.Tests.Augmentation;

/// <summary>Hand-made batch draws: every lever off except the ones a test sets.</summary>
internal static class Draws
{
    public static BatchDraw Framing(params FramingDraw[] framings) =>
        new(framings.Select(f => ImageDraw.FromBase(BaseDraw.Identity) with { Framing = f }).ToArray(), 0);

    public static BatchDraw Occlusion(params OcclusionDraw[] occlusions) =>
        new(occlusions.Select(o => ImageDraw.FromBase(BaseDraw.Identity) with { Occlusion = o }).ToArray(), 0);

    public static BatchDraw Photometric(ulong seed, params PhotometricDraw[] photometrics) =>
        new(photometrics.Select(p => ImageDraw.FromBase(BaseDraw.Identity) with { Photometric = p }).ToArray(), seed);
}
