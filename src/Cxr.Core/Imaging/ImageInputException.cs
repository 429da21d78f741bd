namespace Cxr.Core.Imaging;

/// <summary>
/// Base of every error caused by the image data itself (as opposed to a bug or an I/O failure). <see cref="Code"/> is
/// a stable machine-readable identifier (usable as an API problem type); <see cref="Exception.Message"/> is a plain,
/// specific sentence meant for the person who supplied the file.
/// </summary>
public abstract class ImageInputException : Exception
{
    /// <summary>Creates the exception with a user-facing message.</summary>
    protected ImageInputException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>Stable identifier: <c>empty</c>, <c>unsupported_format</c>, <c>corrupt</c>, <c>too_many_bytes</c>,
    /// <c>too_many_pixels</c> or <c>too_small</c>.</summary>
    public abstract string Code { get; }
}
