namespace Cxr.Training.Augmentation;

/// <summary>Everything random about one image's augmentation.</summary>
public readonly record struct ImageDraw(BaseDraw Base, FramingDraw Framing, OcclusionDraw Occlusion, PhotometricDraw Photometric)
{
    /// <summary>The original recipe's draw, with every newer lever off.</summary>
    public static ImageDraw FromBase(BaseDraw draw) => new(draw, FramingDraw.Identity, OcclusionDraw.None, PhotometricDraw.Identity);
}
