namespace Cxr.Core.Imaging.Dicom;

/// <summary>
/// A DICOM file whose transfer syntax is not read (yet): Explicit VR Big Endian, the JPEG, JPEG-LS, JPEG 2000 and video
/// syntaxes, or a UID this reader does not know. An <see cref="UnsupportedImageFormatException"/> (code
/// <c>unsupported_format</c>, HTTP 415) whose message names the UID and the syntax.
/// </summary>
public sealed class UnsupportedTransferSyntaxException : UnsupportedImageFormatException
{
    /// <summary>Creates the exception for <paramref name="transferSyntax"/>.</summary>
    public UnsupportedTransferSyntaxException(DicomTransferSyntax transferSyntax)
        : base(Describe(transferSyntax), "a DICOM file")
    {
        TransferSyntaxUid = transferSyntax.Uid;
        TransferSyntaxName = transferSyntax.Name;
    }

    /// <summary>The transfer syntax UID the file declares.</summary>
    public string TransferSyntaxUid { get; }

    /// <summary>Its name ("Explicit VR Big Endian (retired)", "JPEG Baseline (Process 1)", or "an unknown transfer syntax").</summary>
    public string TransferSyntaxName { get; }

    private static string Describe(DicomTransferSyntax transferSyntax)
    {
        ArgumentNullException.ThrowIfNull(transferSyntax);
        return $"Unsupported DICOM transfer syntax {transferSyntax.Uid} ({transferSyntax.Name}). Supported: Implicit VR Little " +
               "Endian, Explicit VR Little Endian, Deflated Explicit VR Little Endian and RLE Lossless; convert the file to one " +
               "of them (e.g. dcmdjpeg or gdcmconv --raw).";
    }
}
