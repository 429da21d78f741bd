namespace Cxr.Training.Augmentation;

/// <summary>One image's framing: the output, after the base affine, samples the film at <c>scale · q + offset</c> in
/// <c>affine_grid</c> coordinates. A scale below 1 is a crop (a tighter field), above 1 a zoom-out (a looser one).</summary>
/// <param name="ScaleX">Horizontal scale.</param>
/// <param name="ScaleY">Vertical scale.</param>
/// <param name="OffsetX">Horizontal offset of the window's centre.</param>
/// <param name="OffsetY">Vertical offset of the window's centre.</param>
/// <param name="EdgeFill">What comes into view from outside the film repeats its edge pixels instead of being black.</param>
public readonly record struct FramingDraw(double ScaleX, double ScaleY, double OffsetX, double OffsetY, bool EdgeFill)
{
    /// <summary>The whole film, black outside it.</summary>
    public static FramingDraw Identity { get; } = new(1, 1, 0, 0, false);
}
