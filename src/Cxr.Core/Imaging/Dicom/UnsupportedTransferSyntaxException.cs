namespace Cxr.Core.Imaging.Dicom;

/// <summary>
/// A DICOM file whose transfer syntax is not read (yet): Explicit VR Big Endian, JPEG 2000 Part 2, High-Throughput
/// JPEG 2000, JPEG XL and video syntaxes, or a UID this reader does not know; or a read syntax whose codec cannot decode
/// this file (a JPEG process or predictor the JPEG decoder does not implement exactly, a missing native codec library:
/// <see cref="Reason"/> says which). An <see cref="UnsupportedImageFormatException"/> (code <c>unsupported_format</c>,
/// HTTP 415) whose message names the UID and the syntax.
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

    /// <summary>Creates the exception for a file in <paramref name="transferSyntax"/> that its codec cannot decode;
    /// <paramref name="reason"/> is one sentence, e.g. "libopenjp2.so.7 (Debian package libopenjp2-7) is not installed".</summary>
    public UnsupportedTransferSyntaxException(DicomTransferSyntax transferSyntax, string reason)
        : base(Describe(transferSyntax, reason), "a DICOM file")
    {
        TransferSyntaxUid = transferSyntax.Uid;
        TransferSyntaxName = transferSyntax.Name;
        Reason = reason;
    }

    /// <summary>The transfer syntax UID the file declares.</summary>
    public string TransferSyntaxUid { get; }

    /// <summary>Its name ("Explicit VR Big Endian (retired)", "JPEG Baseline (Process 1)", or "an unknown transfer syntax").</summary>
    public string TransferSyntaxName { get; }

    /// <summary>Why a read syntax could not be decoded for this file, or null when the syntax itself is not read.</summary>
    public string? Reason { get; }

    private static string Describe(DicomTransferSyntax transferSyntax, string? reason = null)
    {
        ArgumentNullException.ThrowIfNull(transferSyntax);
        var why = reason is null ? "" : $" {reason}.";
        return $"Unsupported DICOM transfer syntax {transferSyntax.Uid} ({transferSyntax.Name}).{why} Supported: Implicit VR " +
               "Little Endian, Explicit VR Little Endian, Deflated Explicit VR Little Endian, RLE Lossless, JPEG Baseline, JPEG " +
               "Extended, JPEG Lossless, JPEG-LS and JPEG 2000 (Part 1); convert " +
               "the file to one of them (e.g. dcmdjpeg or gdcmconv --raw).";
    }
}
