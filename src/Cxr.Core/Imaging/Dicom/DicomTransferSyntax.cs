using System.Collections.Frozen;

namespace Cxr.Core.Imaging.Dicom;

/// <summary>
/// A DICOM transfer syntax (PS3.5 section 10 and Annex A): how the data set after the file meta information is encoded.
/// <see cref="FromUid"/> knows the standard ones by name, so a refusal can say which one a file uses.
/// </summary>
/// <param name="Uid">The transfer syntax UID, e.g. <c>1.2.840.10008.1.2.1</c>.</param>
/// <param name="Name">Its name in PS3.6, e.g. "Explicit VR Little Endian", or "an unknown transfer syntax".</param>
/// <param name="IsKnown">Whether the UID is one of the standard transfer syntaxes listed here.</param>
/// <param name="ExplicitVr">The data set writes each element's VR (every known syntax except Implicit VR Little Endian).</param>
/// <param name="BigEndian">The data set is big endian (only the retired Explicit VR Big Endian).</param>
/// <param name="Deflated">The data set is one raw deflate stream (RFC 1951) after the meta information.</param>
/// <param name="Encapsulated">Pixel data is a sequence of compressed fragments (PS3.5 A.4) rather than native samples.</param>
public sealed record DicomTransferSyntax(string Uid, string Name, bool IsKnown, bool ExplicitVr, bool BigEndian, bool Deflated, bool Encapsulated)
{
    /// <summary>The UID of Implicit VR Little Endian, the default transfer syntax.</summary>
    public const string ImplicitVrLittleEndianUid = "1.2.840.10008.1.2";

    /// <summary>The UID of Explicit VR Little Endian.</summary>
    public const string ExplicitVrLittleEndianUid = "1.2.840.10008.1.2.1";

    /// <summary>The UID of Deflated Explicit VR Little Endian.</summary>
    public const string DeflatedExplicitVrLittleEndianUid = "1.2.840.10008.1.2.1.99";

    /// <summary>The UID of the retired Explicit VR Big Endian.</summary>
    public const string ExplicitVrBigEndianUid = "1.2.840.10008.1.2.2";

    /// <summary>The UID of RLE Lossless (PS3.5 Annex G).</summary>
    public const string RleLosslessUid = "1.2.840.10008.1.2.5";

    private static readonly FrozenDictionary<string, DicomTransferSyntax> Known = new DicomTransferSyntax[]
    {
        new(ImplicitVrLittleEndianUid, "Implicit VR Little Endian", true, false, false, false, false),
        new(ExplicitVrLittleEndianUid, "Explicit VR Little Endian", true, true, false, false, false),
        new(DeflatedExplicitVrLittleEndianUid, "Deflated Explicit VR Little Endian", true, true, false, true, false),
        new(ExplicitVrBigEndianUid, "Explicit VR Big Endian (retired)", true, true, true, false, false),
        new("1.2.840.10008.1.2.1.98", "Encapsulated Uncompressed Explicit VR Little Endian", true, true, false, false, true),
        new(RleLosslessUid, "RLE Lossless", true, true, false, false, true),
        Compressed("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)"),
        Compressed("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)"),
        Compressed("1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)"),
        Compressed("1.2.840.10008.1.2.4.70", "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [Selection Value 1])"),
        Compressed("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless Image Compression"),
        Compressed("1.2.840.10008.1.2.4.81", "JPEG-LS Lossy (Near-Lossless) Image Compression"),
        Compressed("1.2.840.10008.1.2.4.90", "JPEG 2000 Image Compression (Lossless Only)"),
        Compressed("1.2.840.10008.1.2.4.91", "JPEG 2000 Image Compression"),
        Compressed("1.2.840.10008.1.2.4.92", "JPEG 2000 Part 2 Multi-component Image Compression (Lossless Only)"),
        Compressed("1.2.840.10008.1.2.4.93", "JPEG 2000 Part 2 Multi-component Image Compression"),
        Compressed("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 Image Compression (Lossless Only)"),
        Compressed("1.2.840.10008.1.2.4.202", "High-Throughput JPEG 2000 with RPCL Options Image Compression (Lossless Only)"),
        Compressed("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000 Image Compression"),
        Compressed("1.2.840.10008.1.2.4.100", "MPEG2 Main Profile / Main Level"),
        Compressed("1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264 High Profile / Level 4.1"),
        Compressed("1.2.840.10008.1.2.4.107", "HEVC/H.265 Main Profile / Level 5.1"),
        Compressed("1.2.840.10008.1.2.4.110", "JPEG XL Lossless"),
        Compressed("1.2.840.10008.1.2.4.112", "JPEG XL"),
    }.ToFrozenDictionary(ts => ts.Uid, StringComparer.Ordinal);

    /// <summary>Implicit VR Little Endian (<c>1.2.840.10008.1.2</c>), also assumed when a file has no meta information.</summary>
    public static DicomTransferSyntax ImplicitVrLittleEndian => Known[ImplicitVrLittleEndianUid];

    /// <summary>The transfer syntax for <paramref name="uid"/>; a UID not listed gets <see cref="IsKnown"/> false and the
    /// name "an unknown transfer syntax" (its layout cannot be assumed, so it is refused before the data set is read).</summary>
    public static DicomTransferSyntax FromUid(string uid)
    {
        ArgumentNullException.ThrowIfNull(uid);
        return Known.TryGetValue(uid, out var ts) ? ts : new DicomTransferSyntax(uid, "an unknown transfer syntax", false, true, false, false, true);
    }

    // Every compressed syntax encodes its data set as Explicit VR Little Endian with encapsulated pixel data.
    private static DicomTransferSyntax Compressed(string uid, string name) => new(uid, name, true, true, false, false, true);
}
