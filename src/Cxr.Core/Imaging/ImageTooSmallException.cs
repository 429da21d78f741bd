namespace Cxr.Core.Imaging;

/// <summary>
/// The image, as displayed (after EXIF orientation), is narrower or shorter than <see cref="ImageLimits.MinSide"/>:
/// a thumbnail, an icon or a strip, never a radiograph. Raised from the header alone, before any pixel memory is
/// allocated. Code <c>too_small</c>.
/// </summary>
public sealed class ImageTooSmallException : ImageInputException
{
    /// <summary>The stable code of this error.</summary>
    public const string ErrorCode = "too_small";

    /// <summary>Creates the exception for a <paramref name="width"/> × <paramref name="height"/> image (as displayed)
    /// with a side shorter than <paramref name="minSide"/> pixels.</summary>
    public ImageTooSmallException(int width, int height, int minSide)
        : base($"The image is {width} × {height} pixels; each side must be at least {minSide} pixels.")
    {
        Width = width;
        Height = height;
        MinSide = minSide;
    }

    /// <summary>Declared width in pixels (as displayed).</summary>
    public int Width { get; }

    /// <summary>Declared height in pixels (as displayed).</summary>
    public int Height { get; }

    /// <summary>The limit that was not met, in pixels per side.</summary>
    public int MinSide { get; }

    /// <inheritdoc />
    public override string Code => ErrorCode;
}
