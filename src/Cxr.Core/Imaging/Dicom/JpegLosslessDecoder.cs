using System.Buffers;
using System.Buffers.Binary;

namespace Cxr.Core.Imaging.Dicom;

/// <summary>
/// The JPEG lossless process (ITU-T T.81 annex H, SOF3, Huffman, non-hierarchical) for one component: every predictor
/// selection value 1 … 7, precision 2 … 16, any point transform Pt &lt; P, and restart intervals of whole lines. Written
/// here because JpegLibrary gets predictors 2, 3, 6, 7 (and 5 at 16 bits) wrong; used by <see cref="DicomJpegCodec"/>
/// for .57 and .70.
/// </summary>
/// <remarks>
/// <para>T.81 H.1.2.1: the first line of the scan and of each restart interval is predicted from the left sample Ra, the
/// first sample of every other line from the one above (Rb), the very first sample of the scan and of each restart
/// interval from 2^(P − Pt − 1), all others by the selected predictor from Ra, Rb and Rc (above left); differences are
/// added modulo 2^16 (H.1.2.1, the arithmetic libjpeg and DCMTK use, in 32-bit integers so 16-bit predictors 5 … 7 do
/// not overflow), and difference category 16 is 32768 with no extra bits (H.1.2.2). The output sample is the
/// reconstructed value shifted left by Pt, kept to P bits.</para>
/// <para>Every segment length and marker is checked; entropy-coded data that runs out, a Huffman code that is not in
/// its table, or a restart marker missing or out of sequence is <see cref="CorruptImageException"/>. The work is one
/// pass over the samples with a bounded loop per sample (a code is at most 16 bits). Memory: two lines of
/// <see cref="int"/> (pooled); the samples are written straight to the destination.</para>
/// </remarks>
internal static class JpegLosslessDecoder
{
    private const int RowsBetweenCancellationChecks = 16;

    /// <summary>Decodes <paramref name="jpeg"/>, whose header <paramref name="info"/> has been checked by
    /// <see cref="DicomJpegCodec"/> (SOF3, one component, <paramref name="pixels"/>' size, precision ≤ Bits Allocated,
    /// restart interval a multiple of the width), into <paramref name="destination"/>: <c>Rows × Columns</c> samples of
    /// Bits Allocated (1 byte, or 2 little endian), row-major, each in 0 … 2^P − 1.</summary>
    /// <exception cref="CorruptImageException">The stream is malformed or truncated.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled (checked every 16 lines).</exception>
    public static void Decode(ReadOnlySpan<byte> jpeg, JpegStreamInfo info, DicomPixelModule pixels, Span<byte> destination, CancellationToken cancellationToken)
    {
        var tables = new JpegHuffmanTable?[4];
        var at = 2;
        while (true)
        {
            while (at + 1 < jpeg.Length && jpeg[at] == 0xFF && jpeg[at + 1] == 0xFF)
            {
                at++;
            }

            if (at + 4 > jpeg.Length || jpeg[at] != 0xFF)
            {
                throw Corrupt($"expected a marker at byte {at} of {jpeg.Length} before the scan");
            }

            var marker = jpeg[at + 1];
            int length = BinaryPrimitives.ReadUInt16BigEndian(jpeg[(at + 2)..]);
            if (length < 2 || at + 2 + length > jpeg.Length)
            {
                throw Corrupt($"the segment of marker FF {marker:X2} at byte {at} has length {length}, past the end");
            }

            var segment = jpeg.Slice(at + 4, length - 2);
            at += 2 + length;
            if (marker == 0xC4)
            {
                ReadTables(segment, tables);
            }
            else if (marker == 0xDA)
            {
                var table = ReadScanHeader(segment, info, tables);
                DecodeScan(jpeg[at..], info, table, pixels, destination, cancellationToken);
                return;
            }
        }
    }

    /// <summary>DHT (B.2.4.2): one or more tables, each class/destination, 16 counts and the values. Lossless scans use
    /// the class 0 ("DC") tables; class 1 tables are checked and ignored.</summary>
    private static void ReadTables(ReadOnlySpan<byte> segment, JpegHuffmanTable?[] tables)
    {
        while (!segment.IsEmpty)
        {
            if (segment.Length < 17)
            {
                throw Corrupt("a Huffman table segment is shorter than its 16 code counts");
            }

            var tableClass = segment[0] >> 4;
            var destination = segment[0] & 0x0F;
            if (tableClass > 1 || destination > 3)
            {
                throw Corrupt($"a Huffman table has class {tableClass} and destination {destination}");
            }

            var total = 0;
            for (var i = 1; i <= 16; i++)
            {
                total += segment[i];
            }

            if (segment.Length < 17 + total)
            {
                throw Corrupt($"a Huffman table lists {total} values but its segment is shorter");
            }

            if (tableClass == 0)
            {
                tables[destination] = JpegHuffmanTable.Create(segment.Slice(1, 16), segment.Slice(17, total));
            }

            segment = segment[(17 + total)..];
        }
    }

    /// <summary>SOS (B.2.3) of a lossless one-component scan: the frame's component, a defined table, Ss = the predictor
    /// 1 … 7, Se = 0, Ah = 0, Al = Pt below the precision. Returns the scan's Huffman table.</summary>
    private static JpegHuffmanTable ReadScanHeader(ReadOnlySpan<byte> segment, JpegStreamInfo info, JpegHuffmanTable?[] tables)
    {
        if (segment.Length != 6 || segment[0] != 1)
        {
            throw Corrupt($"the lossless scan header has {segment.Length} bytes for {(segment.IsEmpty ? 0 : segment[0])} components; one component needs 6");
        }

        var tableIndex = segment[2] >> 4;
        var predictor = segment[3];
        var end = segment[4];
        var ah = segment[5] >> 4;
        var pt = segment[5] & 0x0F;
        if (predictor is < 1 or > 7 || end != 0 || ah != 0 || pt >= info.Precision)
        {
            throw Corrupt($"the lossless scan has predictor {predictor}, Se {end}, Ah {ah}, point transform {pt} at {info.Precision} bits");
        }

        return (tableIndex < tables.Length ? tables[tableIndex] : null) ?? throw Corrupt($"the scan uses Huffman table {tableIndex}, which is not defined");
    }

    private static void DecodeScan(ReadOnlySpan<byte> data, JpegStreamInfo info, JpegHuffmanTable table, DicomPixelModule pixels, Span<byte> destination, CancellationToken cancellationToken)
    {
        int width = info.Width, height = info.Height;
        var predictor = info.Predictor;
        var pt = info.PointTransform;
        var max = (1 << info.Precision) - 1;
        var initial = 1 << (info.Precision - pt - 1);
        var wide = pixels.BitsAllocated == 16;
        // Lines per restart interval (an interval of whole lines, checked by the codec); 0: none.
        var interval = info.RestartInterval / width;
        var bits = new JpegBitReader(data);
        var above = ArrayPool<int>.Shared.Rent(width);
        var line = ArrayPool<int>.Shared.Rent(width);
        try
        {
            var expectedRestart = 0;
            var firstLine = true;
            for (var y = 0; y < height; y++)
            {
                if (y % RowsBetweenCancellationChecks == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                if (interval > 0 && y > 0 && y % interval == 0)
                {
                    bits.Restart(0xD0 + expectedRestart);
                    expectedRestart = (expectedRestart + 1) & 7;
                    firstLine = true;
                }

                for (var x = 0; x < width; x++)
                {
                    int prediction;
                    if (x == 0)
                    {
                        prediction = firstLine ? initial : above[0];
                    }
                    else if (firstLine)
                    {
                        prediction = line[x - 1];
                    }
                    else
                    {
                        int ra = line[x - 1], rb = above[x], rc = above[x - 1];
                        prediction = predictor switch
                        {
                            1 => ra,
                            2 => rb,
                            3 => rc,
                            4 => ra + rb - rc,
                            5 => ra + ((rb - rc) >> 1),
                            6 => rb + ((ra - rc) >> 1),
                            _ => (ra + rb) >> 1,
                        };
                    }

                    var value = (prediction + Difference(ref bits, table)) & 0xFFFF;
                    line[x] = value;
                    var sample = (value << pt) & max;
                    var index = (y * width) + x;
                    if (wide)
                    {
                        BinaryPrimitives.WriteUInt16LittleEndian(destination[(2 * index)..], (ushort)sample);
                    }
                    else
                    {
                        destination[index] = (byte)sample;
                    }
                }

                (above, line) = (line, above);
                firstLine = false;
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(above);
            ArrayPool<int>.Shared.Return(line);
        }
    }

    /// <summary>One difference (H.1.2.2, F.2.2.1): its category SSSS from the Huffman code, then SSSS bits extended to a
    /// signed value; category 16 is 32768 with no extra bits.</summary>
    private static int Difference(ref JpegBitReader bits, JpegHuffmanTable table)
    {
        var category = table.Decode(ref bits);
        switch (category)
        {
            case 0:
                return 0;
            case 16:
                return 32768;
            case > 16:
                throw Corrupt($"difference category {category} is above 16");
            default:
                var v = bits.Read(category);
                return v < (1 << (category - 1)) ? v - (1 << category) + 1 : v;
        }
    }

    internal static CorruptImageException Corrupt(string reason) => DicomCursor.Corrupt("JPEG lossless: " + reason);
}
