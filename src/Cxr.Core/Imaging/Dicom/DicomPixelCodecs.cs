namespace Cxr.Core.Imaging.Dicom;

/// <summary>The codecs for encapsulated pixel data, by transfer syntax UID: RLE Lossless (managed), the JPEG family
/// (<see cref="DicomJpegCodec"/>: baseline .50 and extended .51 through JpegLibrary, or SkiaSharp for colour; lossless
/// .57 and .70 through our own <see cref="JpegLosslessDecoder"/>), JPEG-LS (.80, .81, CharLS) and JPEG 2000 Part 1
/// (.90, .91, OpenJPEG). An encapsulated syntax without a codec here is refused with
/// <see cref="UnsupportedTransferSyntaxException"/>.</summary>
internal static class DicomPixelCodecs
{
    private static readonly IDicomPixelCodec[] All =
    [
        new DicomRleCodec(),
        new DicomJpegCodec("1.2.840.10008.1.2.4.50"),
        new DicomJpegCodec("1.2.840.10008.1.2.4.51"),
        new DicomJpegCodec("1.2.840.10008.1.2.4.57"),
        new DicomJpegCodec("1.2.840.10008.1.2.4.70"),
        new DicomJpegLsCodec("1.2.840.10008.1.2.4.80"),
        new DicomJpegLsCodec("1.2.840.10008.1.2.4.81"),
        new DicomJpeg2000Codec("1.2.840.10008.1.2.4.90"),
        new DicomJpeg2000Codec("1.2.840.10008.1.2.4.91"),
    ];

    /// <summary>The codec for <paramref name="transferSyntaxUid"/>, or null.</summary>
    public static IDicomPixelCodec? For(string transferSyntaxUid) =>
        Array.Find(All, codec => string.Equals(codec.TransferSyntaxUid, transferSyntaxUid, StringComparison.Ordinal));
}
