namespace Cxr.Core.Imaging.Dicom;

/// <summary>
/// A well-formed DICOM file whose image this version does not turn into one gray film: several frames, a photometric
/// interpretation other than MONOCHROME1, MONOCHROME2 or 8-bit RGB, a bit depth other than 8 or 16 allocated, or no
/// pixel data at all. Code <c>unsupported_dicom_image</c> (HTTP 422 <c>unsupported-dicom-image</c>): the file is
/// understood, the content cannot be analysed.
/// </summary>
public sealed class UnsupportedDicomImageException : ImageInputException
{
    /// <summary>The stable code of this error.</summary>
    public const string ErrorCode = "unsupported_dicom_image";

    /// <summary>Creates the exception; <paramref name="reason"/> completes "The DICOM image is not supported: …", e.g.
    /// "it has 24 frames; only single-frame images are read".</summary>
    public UnsupportedDicomImageException(string reason)
        : base($"The DICOM image is not supported: {reason}.")
    {
        Reason = reason;
    }

    /// <summary>The refusal of an object with <paramref name="frames"/> frames (&gt; 1): one film is one frame, and which
    /// frame would be the film cannot be told from the header.</summary>
    public static UnsupportedDicomImageException MultiFrame(int frames) =>
        new($"it has {frames} frames (multi-frame object); only single-frame images are read");

    /// <summary>Why, as one clause.</summary>
    public string Reason { get; }

    /// <inheritdoc />
    public override string Code => ErrorCode;
}
