namespace Cxr.Core.Imaging;

/// <summary>
/// Hard limits applied to untrusted input before any pixel memory is allocated.
/// </summary>
/// <param name="MaxEncodedBytes">Largest accepted encoded size in bytes (default 20,000,000 = 20 MB).</param>
/// <param name="MaxPixels">Largest accepted <c>width × height</c> read from the header (default 40,000,000 = 40 MP).
/// Decoding needs about 5 bytes per pixel at peak, so the default caps one decode at about 200 MB.</param>
public sealed record ImageLimits(long MaxEncodedBytes = 20_000_000, long MaxPixels = 40_000_000)
{
    /// <summary>20 MB encoded, 40 MP decoded.</summary>
    public static ImageLimits Default { get; } = new();

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless both limits are positive and fit the
    /// pipeline's buffers (at most 2 GB encoded and 400 MP).</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxEncodedBytes, 1, nameof(MaxEncodedBytes));
        // Array.MaxLength - 1: the stream reader needs one byte more than the limit to detect overflow.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxEncodedBytes, Array.MaxLength - 1L, nameof(MaxEncodedBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPixels, 1, nameof(MaxPixels));
        // 4 bytes per pixel for the RGBA decode buffer must fit one array.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxPixels, 400_000_000L, nameof(MaxPixels));
    }
}
