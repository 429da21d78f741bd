namespace Cxr.Training.Augmentation;

/// <summary>How one training image's tighter view is made (see <see cref="TightFieldView"/>): either a crop of
/// <see cref="FieldX"/> × <see cref="FieldY"/> of the image's side, centred at (<see cref="CenterX"/>, <see cref="CenterY"/>)
/// in grid coordinates ([-1, 1], 0 = the middle) and stretched back to the full side, or a black frame
/// <see cref="FrameWidth"/> of the side wide on every edge.</summary>
/// <param name="FieldX">Share of the width the crop keeps, in (0, 1]; 1 for a frame.</param>
/// <param name="FieldY">Share of the height the crop keeps, in (0, 1]; 1 for a frame.</param>
/// <param name="CenterX">The crop's centre, within ±(1 − FieldX) so the crop stays inside the image; 0 for a frame.</param>
/// <param name="CenterY">The crop's centre, within ±(1 − FieldY); 0 for a frame.</param>
/// <param name="FrameWidth">Share of the side under the black frame on each edge, in [0, 0.5); 0 for a crop.</param>
public readonly record struct TightFieldDraw(double FieldX, double FieldY, double CenterX, double CenterY, double FrameWidth)
{
    /// <summary>The view that is the image itself.</summary>
    public static TightFieldDraw Identity => new(1, 1, 0, 0, 0);

    /// <summary>The same view in the augmenter's terms, for its geometry and occlusion stages: a crop is a framing of
    /// scale (<see cref="FieldX"/>, <see cref="FieldY"/>) at offset (<see cref="CenterX"/>, <see cref="CenterY"/>), black
    /// outside the film; a frame is an occlusion of <see cref="FrameWidth"/> on all four sides; the rest is identity.</summary>
    internal ImageDraw ToImageDraw() => new(
        BaseDraw.Identity,
        new FramingDraw(FieldX, FieldY, CenterX, CenterY, EdgeFill: false),
        OcclusionDraw.None with { FrameLeft = FrameWidth, FrameRight = FrameWidth, FrameTop = FrameWidth, FrameBottom = FrameWidth },
        PhotometricDraw.Identity);
}
