using Cxr.Core.Text;

namespace Cxr.Core.Imaging;

/// <summary>The encoded data is larger than <see cref="ImageLimits.MaxEncodedBytes"/>. Code <c>too_many_bytes</c>.</summary>
public sealed class ImageTooLargeException : ImageInputException
{
    /// <summary>The stable code of this error.</summary>
    public const string ErrorCode = "too_many_bytes";

    /// <summary>Creates the exception. <paramref name="actualBytes"/> is the full size when known, or null when the
    /// data was a stream that was abandoned once it passed the limit.</summary>
    public ImageTooLargeException(long? actualBytes, long limitBytes)
        : base(actualBytes is { } n
            ? $"The file is {ByteSize.FormatExact(n)}; the limit is {ByteSize.Format(limitBytes)}."
            : $"The file is larger than {ImageText.Count(limitBytes)} bytes; the limit is {ByteSize.Format(limitBytes)}.")
    {
        ActualBytes = actualBytes;
        LimitBytes = limitBytes;
    }

    /// <summary>The full encoded size, or null when reading stopped at the limit.</summary>
    public long? ActualBytes { get; }

    /// <summary>The limit that was exceeded, in bytes.</summary>
    public long LimitBytes { get; }

    /// <inheritdoc />
    public override string Code => ErrorCode;
}
