namespace Cxr.Core.Imaging;

/// <summary>The data is not JPEG, PNG, BMP, GIF, WebP or DICOM, or is a variant of one that is not read (see the
/// subclasses, e.g. <see cref="Dicom.UnsupportedTransferSyntaxException"/>). Code <c>unsupported_format</c>.</summary>
public class UnsupportedImageFormatException : ImageInputException
{
    /// <summary>The stable code of this error.</summary>
    public const string ErrorCode = "unsupported_format";

    /// <summary>Creates the exception; <paramref name="detectedKind"/> names what the data looks like
    /// (e.g. "a PDF document"), or is null when it is not recognised.</summary>
    public UnsupportedImageFormatException(string? detectedKind)
        : base(detectedKind is null
            ? "Unsupported image format: the data does not start like any known image. Use JPEG, PNG, BMP, GIF, WebP or DICOM."
            : $"Unsupported image format: the data starts like {detectedKind}. Use JPEG, PNG, BMP, GIF, WebP or DICOM.")
    {
        DetectedKind = detectedKind;
    }

    /// <summary>For a subclass that names a refused variant of a supported format in its own
    /// <paramref name="message"/>.</summary>
    protected UnsupportedImageFormatException(string message, string? detectedKind)
        : base(message)
    {
        DetectedKind = detectedKind;
    }

    /// <summary>What the data looks like instead (e.g. "a PDF document", "plain text"), or null when unknown.</summary>
    public string? DetectedKind { get; }

    /// <inheritdoc />
    public override string Code => ErrorCode;
}
