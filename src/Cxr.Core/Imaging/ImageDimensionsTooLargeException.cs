namespace Cxr.Core.Imaging;

/// <summary>
/// The header declares more than <see cref="ImageLimits.MaxPixels"/> pixels. Raised from the header alone, before any
/// pixel memory is allocated. Code <c>too_many_pixels</c>.
/// </summary>
public sealed class ImageDimensionsTooLargeException : ImageInputException
{
    /// <summary>The stable code of this error.</summary>
    public const string ErrorCode = "too_many_pixels";

    /// <summary>Creates the exception for a <paramref name="width"/> × <paramref name="height"/> image (as displayed,
    /// i.e. after EXIF orientation).</summary>
    public ImageDimensionsTooLargeException(int width, int height, long maxPixels)
        : base($"The image is {width} × {height} pixels ({ImageText.Megapixels((long)width * height)} MP); " +
               $"the limit is {ImageText.Megapixels(maxPixels)} MP.")
    {
        Width = width;
        Height = height;
        MaxPixels = maxPixels;
    }

    /// <summary>Declared width in pixels.</summary>
    public int Width { get; }

    /// <summary>Declared height in pixels.</summary>
    public int Height { get; }

    /// <summary>The limit that was exceeded, in pixels.</summary>
    public long MaxPixels { get; }

    /// <inheritdoc />
    public override string Code => ErrorCode;
}
