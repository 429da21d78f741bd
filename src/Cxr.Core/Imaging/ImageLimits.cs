namespace Cxr.Core.Imaging;

/// <summary>
/// Hard limits applied to untrusted input before any pixel memory is allocated.
/// </summary>
/// <param name="MaxEncodedBytes">Largest accepted encoded size in bytes (default 20,000,000 = 20 MB).</param>
/// <param name="MaxPixels">Largest accepted <c>width × height</c> read from the header (default 25,000,000 = 25 MP).
/// Decoding needs about 5 bytes per pixel at peak, so the default caps one decode at about 125 MB. Why 25 MP: decoding
/// is linear in the pixel count, and the costliest common format, a progressive colour JPEG, takes about 0.85-0.9 s of
/// CPU at 40 MP in the calmest runs on the project's shared 2-core machine (up to 1.9 s in others), against the 1 s
/// bound for any input; at 25 MP it is 0.58-0.64 s. The largest chest films (43 × 43 cm detectors at 100 µm, about
/// 4300 × 4300) are under 19 MP.</param>
/// <param name="MinSide">Smallest accepted width and height in pixels, as displayed (after EXIF orientation), read
/// from the header (default 32). Nothing that small is a radiograph (the data set's films are 224 × 224, already
/// downsampled from much larger originals): a 1 × 1 or 600 × 20 image can only be an icon, a thumbnail or a strip.</param>
public sealed record ImageLimits(long MaxEncodedBytes = 20_000_000, long MaxPixels = 25_000_000, int MinSide = 32)
{
    /// <summary>20 MB encoded, 25 MP decoded, at least 32 pixels per side.</summary>
    public static ImageLimits Default { get; } = new();

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless every limit is positive and the byte and pixel
    /// limits fit the pipeline's buffers (at most 2 GB encoded and 400 MP).</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxEncodedBytes, 1, nameof(MaxEncodedBytes));
        // Array.MaxLength - 1: the stream reader needs one byte more than the limit to detect overflow.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxEncodedBytes, Array.MaxLength - 1L, nameof(MaxEncodedBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPixels, 1, nameof(MaxPixels));
        // 4 bytes per pixel for the RGBA decode buffer must fit one array.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxPixels, 400_000_000L, nameof(MaxPixels));
        ArgumentOutOfRangeException.ThrowIfLessThan(MinSide, 1, nameof(MinSide));
    }
}
