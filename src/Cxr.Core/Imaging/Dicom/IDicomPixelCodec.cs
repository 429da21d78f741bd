namespace Cxr.Core.Imaging.Dicom;

/// <summary>
/// Decodes the encapsulated pixel data of one transfer syntax into native samples: the seam where JPEG, JPEG-LS and
/// JPEG 2000 decoders will be added (registered in <see cref="DicomPixelCodecs"/> by transfer syntax UID).
/// </summary>
internal interface IDicomPixelCodec
{
    /// <summary>The transfer syntax UID this codec decodes.</summary>
    string TransferSyntaxUid { get; }

    /// <summary>Decodes one frame, <paramref name="frame"/> (its fragments concatenated), into
    /// <paramref name="destination"/>: exactly <c>Rows × Columns × SamplesPerPixel × BitsAllocated / 8</c> bytes, laid
    /// out as native Explicit VR Little Endian pixel data with Planar Configuration 0 (samples of a pixel together,
    /// 16-bit samples little endian), whatever the header's planar configuration says.</summary>
    /// <exception cref="CorruptImageException">The compressed data is malformed or decodes to too few samples.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    void Decode(ReadOnlySpan<byte> frame, DicomPixelModule pixels, Span<byte> destination, CancellationToken cancellationToken);
}
