namespace Cxr.Core.Imaging;

/// <summary>The data is not JPEG, PNG, BMP, GIF or WebP. Code <c>unsupported_format</c>.</summary>
public sealed class UnsupportedImageFormatException : ImageInputException
{
    /// <summary>The stable code of this error.</summary>
    public const string ErrorCode = "unsupported_format";

    /// <summary>Creates the exception; <paramref name="detectedKind"/> names what the data looks like
    /// (e.g. "a PDF document"), or is null when it is not recognised.</summary>
    public UnsupportedImageFormatException(string? detectedKind)
        : base(detectedKind is null
            ? "Unsupported image format: the data does not start like any known image. Use JPEG, PNG, BMP, GIF or WebP."
            : $"Unsupported image format: the data starts like {detectedKind}. Use JPEG, PNG, BMP, GIF or WebP.")
    {
        DetectedKind = detectedKind;
    }

    /// <summary>What the data looks like instead (e.g. "a PDF document", "plain text"), or null when unknown.</summary>
    public string? DetectedKind { get; }

    /// <inheritdoc />
    public override string Code => ErrorCode;
}
