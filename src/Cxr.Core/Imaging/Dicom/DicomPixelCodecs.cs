namespace Cxr.Core.Imaging.Dicom;

/// <summary>The codecs for encapsulated pixel data, by transfer syntax UID. Today RLE Lossless only; an encapsulated
/// syntax without a codec here is refused with <see cref="UnsupportedTransferSyntaxException"/>.</summary>
internal static class DicomPixelCodecs
{
    private static readonly IDicomPixelCodec[] All = [new DicomRleCodec()];

    /// <summary>The codec for <paramref name="transferSyntaxUid"/>, or null.</summary>
    public static IDicomPixelCodec? For(string transferSyntaxUid) =>
        Array.Find(All, codec => string.Equals(codec.TransferSyntaxUid, transferSyntaxUid, StringComparison.Ordinal));
}
