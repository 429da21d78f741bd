using System.Buffers.Binary;

namespace Cxr.Core.Imaging.Dicom;

/// <summary>
/// RLE Lossless (PS3.5 Annex G): a 64-byte header of 16 little-endian 32-bit values (the segment count, 1 to 15, then
/// each segment's offset from the start of the frame), then the segments. Segment k holds one byte of one sample for
/// every pixel, in row order: for each sample, its most significant byte first (G.2), so 16-bit gray has 2 segments
/// (high bytes, low bytes) and 8-bit RGB 3 (R, G, B). Each segment is PackBits: a header byte n, then n + 1 literal
/// bytes when 0 ≤ n ≤ 127, or one byte repeated 1 − n times when −127 ≤ n ≤ −1; −128 is a no-op (G.3.1).
/// </summary>
/// <remarks>Every run is checked against both the segment's bytes and the output: a run that would write past the
/// output is cut (the padding some encoders add), a segment that ends before filling it is corrupt. Linear in the
/// input and output; cancellation is checked between segments.</remarks>
internal sealed class DicomRleCodec : IDicomPixelCodec
{
    private const int HeaderBytes = 64;

    /// <inheritdoc />
    public string TransferSyntaxUid => DicomTransferSyntax.RleLosslessUid;

    /// <inheritdoc />
    public void Decode(ReadOnlySpan<byte> frame, DicomPixelModule pixels, Span<byte> destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        var bytesPerSample = pixels.BitsAllocated / 8;
        var expectedSegments = pixels.SamplesPerPixel * bytesPerSample;
        var pixelCount = pixels.Rows * pixels.Columns;
        if (frame.Length < HeaderBytes)
        {
            throw Corrupt($"the frame has {frame.Length} bytes, fewer than the 64-byte header");
        }

        var segments = BinaryPrimitives.ReadUInt32LittleEndian(frame);
        if (segments != expectedSegments)
        {
            throw Corrupt($"{segments} segments for {pixels.SamplesPerPixel} sample(s) of {pixels.BitsAllocated} bits (expected {expectedSegments})");
        }

        for (var s = 0; s < expectedSegments; s++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var start = BinaryPrimitives.ReadUInt32LittleEndian(frame[(4 + (4 * s))..]);
            var end = s + 1 < expectedSegments ? BinaryPrimitives.ReadUInt32LittleEndian(frame[(8 + (4 * s))..]) : (uint)frame.Length;
            if (start < HeaderBytes || start > end || end > frame.Length)
            {
                throw Corrupt($"segment {s + 1} spans bytes {start} to {end} of a {frame.Length}-byte frame");
            }

            // Segment s is byte (s mod bytesPerSample) of sample (s / bytesPerSample), most significant first; in the
            // little-endian output that byte sits at (bytesPerSample − 1 − that index) within the sample.
            var sample = s / bytesPerSample;
            var byteInSample = bytesPerSample - 1 - (s % bytesPerSample);
            var first = (sample * bytesPerSample) + byteInSample;
            var stride = pixels.SamplesPerPixel * bytesPerSample;
            DecodeSegment(frame[(int)start..(int)end], destination, first, stride, pixelCount, s + 1);
        }
    }

    private static void DecodeSegment(ReadOnlySpan<byte> segment, Span<byte> destination, int first, int stride, int count, int number)
    {
        var written = 0;
        var i = 0;
        while (written < count)
        {
            if (i >= segment.Length)
            {
                throw Corrupt($"segment {number} ends after {written} of {count} bytes");
            }

            var n = (sbyte)segment[i++];
            if (n >= 0)
            {
                var run = n + 1;
                if (run > segment.Length - i)
                {
                    throw Corrupt($"a literal run of {run} bytes in segment {number} passes its end");
                }

                var take = Math.Min(run, count - written);
                for (var k = 0; k < take; k++)
                {
                    destination[first + ((written + k) * stride)] = segment[i + k];
                }

                written += take;
                i += run;
            }
            else if (n != -128)
            {
                if (i >= segment.Length)
                {
                    throw Corrupt($"a replicate run in segment {number} has no byte to repeat");
                }

                var value = segment[i++];
                var take = Math.Min(1 - n, count - written);
                for (var k = 0; k < take; k++)
                {
                    destination[first + ((written + k) * stride)] = value;
                }

                written += take;
            }
        }
    }

    private static CorruptImageException Corrupt(string reason) => DicomCursor.Corrupt("RLE: " + reason);
}
