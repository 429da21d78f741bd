namespace Cxr.Training.Augmentation;

/// <summary>Random per-image transforms applied to training batches (never to validation).</summary>
/// <param name="RotationDegrees">Uniform rotation in ±degrees.</param>
/// <param name="Scale">Uniform zoom factor in 1 ± Scale.</param>
/// <param name="Translation">Uniform shift in ± this fraction of the image side, per axis.</param>
/// <param name="Brightness">Multiplicative brightness in 1 ± Brightness.</param>
/// <param name="Contrast">Contrast about the image mean in 1 ± Contrast.</param>
/// <param name="HorizontalFlip">Mirror left-right with probability 1/2. Off by default: the heart sits on the left.</param>
public sealed record AugmentationOptions(
    double RotationDegrees = 10,
    double Scale = 0.10,
    double Translation = 0.10,
    double Brightness = 0.20,
    double Contrast = 0.20,
    bool HorizontalFlip = false)
{
    /// <summary>No augmentation (the notebook recipe).</summary>
    public static AugmentationOptions None { get; } = new(0, 0, 0, 0, 0, false);

    /// <summary>True when every transform is off.</summary>
    public bool IsIdentity => RotationDegrees == 0 && Scale == 0 && Translation == 0 && Brightness == 0 && Contrast == 0 && !HorizontalFlip;
}
