namespace Cxr.Core.Imaging;

/// <summary>
/// The data starts like a supported format (or is a JPEG or PNG signature cut short) but cannot be decoded completely
/// (truncated, damaged, or a variant the decoder does not handle). A partially decoded image is never returned. Code <c>corrupt</c>.
/// </summary>
public sealed class CorruptImageException : ImageInputException
{
    /// <summary>The stable code of this error.</summary>
    public const string ErrorCode = "corrupt";

    /// <summary>Creates the exception for data that was detected as <paramref name="format"/>;
    /// <paramref name="decoderResult"/> is the decoder's own status, kept for logs.</summary>
    public CorruptImageException(ImageFormat format, string decoderResult)
        : base("The image data is corrupt or truncated and could not be decoded.")
    {
        Format = format;
        DecoderResult = decoderResult;
    }

    /// <summary>The format the magic bytes announced.</summary>
    public ImageFormat Format { get; }

    /// <summary>The decoder's status (e.g. <c>IncompleteInput</c>, <c>ErrorInInput</c>, <c>NoCodec</c>, or
    /// <c>TruncatedSignature</c> for data cut inside a JPEG or PNG signature) for logs; not part of the message.</summary>
    public string DecoderResult { get; }

    /// <inheritdoc />
    public override string Code => ErrorCode;
}
