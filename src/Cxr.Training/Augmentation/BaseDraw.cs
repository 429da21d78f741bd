namespace Cxr.Training.Augmentation;

/// <summary>One image's parameters for the original recipe's levers, in the order they have always been drawn.</summary>
/// <param name="Angle">Rotation in radians.</param>
/// <param name="Zoom">Zoom factor (above 1 magnifies).</param>
/// <param name="ShiftX">Horizontal shift in <c>affine_grid</c> coordinates ([-1, 1] across the image).</param>
/// <param name="ShiftY">Vertical shift in the same coordinates.</param>
/// <param name="Flip">Mirror left-right.</param>
/// <param name="Gain">Multiplicative brightness.</param>
/// <param name="Contrast">Contrast factor about the image mean.</param>
public readonly record struct BaseDraw(double Angle, double Zoom, double ShiftX, double ShiftY, bool Flip, float Gain, float Contrast)
{
    /// <summary>No change.</summary>
    public static BaseDraw Identity { get; } = new(0, 1, 0, 0, false, 1, 1);
}
