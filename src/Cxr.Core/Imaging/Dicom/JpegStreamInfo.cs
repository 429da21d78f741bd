using System.Buffers.Binary;

namespace Cxr.Core.Imaging.Dicom;

/// <summary>
/// What a JPEG stream's header (ITU-T T.81 annex B) says before its first scan: the start-of-frame marker (its process),
/// sample precision, size and component count, the restart interval, and the first scan's predictor and point transform
/// (the lossless process's selection value Ss and Al). Read by <see cref="Read"/> from the markers alone, so the frame can
/// be checked against the DICOM header before any decoder allocates for it.
/// </summary>
/// <param name="StartOfFrame">The SOF marker's second byte: 0xC0 baseline, 0xC1 extended, 0xC3 lossless, ….</param>
/// <param name="Precision">Sample precision P in bits (8 or 12 for the DCT processes, 2 … 16 lossless).</param>
/// <param name="Width">Samples per line, 1 … 65535.</param>
/// <param name="Height">Number of lines, 1 … 65535 (0, "defined by DNL", is refused as not read).</param>
/// <param name="Components">Components in the frame, 1 … 255.</param>
/// <param name="RestartInterval">MCUs per restart interval (DRI), 0 when there is none.</param>
/// <param name="Predictor">The first scan's Ss: for the lossless process the predictor selection value 0 … 7.</param>
/// <param name="PointTransform">The first scan's Al: for the lossless process the point transform Pt 0 … 15.</param>
internal readonly record struct JpegStreamInfo(int StartOfFrame, int Precision, int Width, int Height, int Components, int RestartInterval, int Predictor, int PointTransform)
{
    /// <summary>Whether the frame is the lossless process (SOF3, Huffman, non-hierarchical).</summary>
    public bool IsLossless => StartOfFrame == 0xC3;

    /// <summary>For 3 components: whether a JPEG decoder takes them for YCbCr (and converts them to RGB), decided as
    /// libjpeg does (<c>default_decompress_parms</c>): a JFIF APP0 marker says YCbCr; else an Adobe APP14 marker says
    /// RGB for transform 0 and YCbCr otherwise; else component identifiers 'R', 'G', 'B' say RGB, and anything else
    /// YCbCr. False for other component counts.</summary>
    public bool YCbCr { get; init; }

    /// <summary>Reads the header markers up to the first start of scan.</summary>
    /// <exception cref="CorruptImageException">No SOI, a segment that passes the end, no SOF or no SOS.</exception>
    public static JpegStreamInfo Read(ReadOnlySpan<byte> jpeg)
    {
        if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8)
        {
            throw Corrupt("the frame does not start with a JPEG start-of-image marker (FF D8)");
        }

        var at = 2;
        int? sof = null;
        int precision = 0, width = 0, height = 0, components = 0, restart = 0;
        var jfif = false;
        var adobeTransform = -1;
        var rgbIdentifiers = false;
        while (true)
        {
            // Fill bytes (FF FF …) may precede a marker (B.1.1.2).
            while (at < jpeg.Length && jpeg[at] == 0xFF && at + 1 < jpeg.Length && jpeg[at + 1] == 0xFF)
            {
                at++;
            }

            if (at + 4 > jpeg.Length || jpeg[at] != 0xFF)
            {
                throw Corrupt($"expected a marker at byte {at} of {jpeg.Length} before the first scan");
            }

            var marker = jpeg[at + 1];
            var length = BinaryPrimitives.ReadUInt16BigEndian(jpeg[(at + 2)..]);
            if (length < 2 || at + 2 + length > jpeg.Length)
            {
                throw Corrupt($"the segment of marker FF {marker:X2} at byte {at} has length {length}, past the end");
            }

            var segment = jpeg.Slice(at + 4, length - 2);
            switch (marker)
            {
                case >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC):
                    if (segment.Length < 6)
                    {
                        throw Corrupt("the start-of-frame segment is shorter than 6 bytes");
                    }

                    sof = marker;
                    precision = segment[0];
                    height = BinaryPrimitives.ReadUInt16BigEndian(segment[1..]);
                    width = BinaryPrimitives.ReadUInt16BigEndian(segment[3..]);
                    components = segment[5];
                    if (segment.Length < 6 + (3 * components))
                    {
                        throw Corrupt($"the start-of-frame segment is too short for its {components} components");
                    }

                    rgbIdentifiers = components == 3 && segment[6] == 'R' && segment[9] == 'G' && segment[12] == 'B';
                    break;
                case 0xE0:
                    jfif |= segment.Length >= 5 && segment[..5].SequenceEqual("JFIF\0"u8);
                    break;
                case 0xEE:
                    if (segment.Length >= 12 && segment[..5].SequenceEqual("Adobe"u8))
                    {
                        adobeTransform = segment[11];
                    }

                    break;
                case 0xDD:
                    if (segment.Length < 2)
                    {
                        throw Corrupt("the restart-interval segment is shorter than 2 bytes");
                    }

                    restart = BinaryPrimitives.ReadUInt16BigEndian(segment);
                    break;
                case 0xDA:
                    if (sof is null)
                    {
                        throw Corrupt("a scan starts before any start-of-frame marker");
                    }

                    var n = segment.Length > 0 ? segment[0] : 0;
                    if (segment.Length < 1 + (2 * n) + 3)
                    {
                        throw Corrupt("the start-of-scan segment is too short for its components");
                    }

                    var ss = segment[1 + (2 * n)];
                    var al = segment[3 + (2 * n)] & 0x0F;
                    var yCbCr = components == 3 && (jfif || (adobeTransform >= 0 ? adobeTransform != 0 : !rgbIdentifiers));
                    return new JpegStreamInfo(sof.Value, precision, width, height, components, restart, ss, al) { YCbCr = yCbCr };
                default:
                    break;
            }

            at += 2 + length;
        }
    }

    private static CorruptImageException Corrupt(string reason) => DicomCursor.Corrupt("JPEG: " + reason);
}
