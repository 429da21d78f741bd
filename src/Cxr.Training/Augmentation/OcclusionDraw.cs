namespace Cxr.Training.Augmentation;

/// <summary>One image's occlusions, as fractions of the image side.</summary>
/// <param name="FrameLeft">Width of the black frame on the left (0 = none).</param>
/// <param name="FrameRight">On the right.</param>
/// <param name="FrameTop">At the top.</param>
/// <param name="FrameBottom">At the bottom.</param>
/// <param name="PatchSize">Side of the corner square (0 = none).</param>
/// <param name="PatchCorner">0 top-left, 1 top-right, 2 bottom-left, 3 bottom-right.</param>
/// <param name="PatchInset">Distance of the square from both edges of its corner.</param>
/// <param name="PatchValue">Its intensity: 0 (black) or 1 (white).</param>
public readonly record struct OcclusionDraw(
    double FrameLeft, double FrameRight, double FrameTop, double FrameBottom, double PatchSize, int PatchCorner, double PatchInset, float PatchValue)
{
    /// <summary>Nothing covered.</summary>
    public static OcclusionDraw None { get; } = new(0, 0, 0, 0, 0, 0, 0, 0);
}
