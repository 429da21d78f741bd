using System.Buffers.Binary;

namespace Cxr.Testing.Images;

/// <summary>
/// Hand-builds tiny baseline JPEGs with flat 8 × 8 blocks (only DC coefficients, quantizer 1, so decoding is exact) —
/// used for a 4-component Adobe CMYK JPEG, which no encoder in the test environment writes — and edits real JPEGs
/// (adds an EXIF orientation segment).
/// </summary>
public static class JpegBuilder
{
    // ITU T.81 Annex K.3 luminance DC table: code lengths for categories 0..11.
    private static readonly byte[] DcBits = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];

    /// <summary>
    /// A baseline JPEG with <paramref name="components"/> channels, 1×1 sampling, <paramref name="blocksWide"/> ×
    /// <paramref name="blocksHigh"/> blocks of 8 × 8; <paramref name="blockValues"/>[block][component] is the flat
    /// sample value. With 4 components an Adobe APP14 marker (transform 0) marks it as CMYK as Photoshop writes it.
    /// </summary>
    public static byte[] FlatBlocks(int blocksWide, int blocksHigh, int components, byte[][] blockValues)
    {
        using var jpg = new MemoryStream();
        jpg.Write([0xFF, 0xD8]);
        if (components == 4)
        {
            // APP14 "Adobe": version 100, flags 0, 0, transform 0 (no YCC transform: CMYK).
            Segment(jpg, 0xEE, [(byte)'A', (byte)'d', (byte)'o', (byte)'b', (byte)'e', 0, 100, 0, 0, 0, 0, 0]);
        }

        var dqt = new byte[65];
        Array.Fill(dqt, (byte)1);
        dqt[0] = 0; // 8-bit table 0
        Segment(jpg, 0xDB, dqt);

        var sof = new List<byte> { 8 };
        sof.AddRange(BigEndian16(blocksHigh * 8));
        sof.AddRange(BigEndian16(blocksWide * 8));
        sof.Add((byte)components);
        for (var c = 1; c <= components; c++)
        {
            sof.AddRange([(byte)c, 0x11, 0]);
        }

        Segment(jpg, 0xC0, [.. sof]);

        var dht = new List<byte> { 0x00 };
        dht.AddRange(DcBits);
        for (byte v = 0; v <= 11; v++)
        {
            dht.Add(v);
        }

        Segment(jpg, 0xC4, [.. dht]);
        // AC table 0 with a single symbol, EOB (0x00), code "0".
        var ac = new byte[1 + 16 + 1];
        ac[0] = 0x10;
        ac[1] = 1;
        Segment(jpg, 0xC4, ac);

        var sos = new List<byte> { (byte)components };
        for (var c = 1; c <= components; c++)
        {
            sos.AddRange([(byte)c, 0x00]);
        }

        sos.AddRange([0, 63, 0]);
        Segment(jpg, 0xDA, [.. sos]);

        var dcCodes = CanonicalCodes(DcBits);
        var bits = new BitWriter(jpg);
        var previous = new int[components];
        for (var block = 0; block < blocksWide * blocksHigh; block++)
        {
            for (var c = 0; c < components; c++)
            {
                // Forward DCT of a flat block of value v: DC = 8 (v - 128); quantizer 1.
                var dc = 8 * (blockValues[block][c] - 128);
                var diff = dc - previous[c];
                previous[c] = dc;
                var category = diff == 0 ? 0 : 32 - int.LeadingZeroCount(Math.Abs(diff));
                bits.Write(dcCodes[category].Code, dcCodes[category].Length);
                if (category > 0)
                {
                    bits.Write(diff > 0 ? diff : diff + (1 << category) - 1, category);
                }

                bits.Write(0, 1); // EOB: all AC coefficients zero
            }
        }

        bits.Flush();
        jpg.Write([0xFF, 0xD9]);
        return jpg.ToArray();
    }

    /// <summary>Inserts an APP1 EXIF segment holding only the Orientation tag (1..8) right after SOI.</summary>
    public static byte[] WithExifOrientation(byte[] jpeg, int orientation)
    {
        var tiff = new byte[26];
        "MM\0*"u8.CopyTo(tiff);
        BinaryPrimitives.WriteInt32BigEndian(tiff.AsSpan(4), 8);      // IFD0 offset
        BinaryPrimitives.WriteInt16BigEndian(tiff.AsSpan(8), 1);      // one entry
        BinaryPrimitives.WriteInt16BigEndian(tiff.AsSpan(10), 0x0112); // Orientation
        BinaryPrimitives.WriteInt16BigEndian(tiff.AsSpan(12), 3);     // SHORT
        BinaryPrimitives.WriteInt32BigEndian(tiff.AsSpan(14), 1);     // count
        BinaryPrimitives.WriteInt16BigEndian(tiff.AsSpan(18), (short)orientation);
        // bytes 20..21 padding, 22..25 next IFD = 0
        byte[] payload = [.. "Exif\0\0"u8, .. tiff];
        using var ms = new MemoryStream();
        ms.Write(jpeg, 0, 2);
        Segment(ms, 0xE1, payload);
        ms.Write(jpeg, 2, jpeg.Length - 2);
        return ms.ToArray();
    }

    private static void Segment(Stream s, byte marker, byte[] payload)
    {
        s.Write([0xFF, marker]);
        s.Write(BigEndian16(payload.Length + 2));
        s.Write(payload);
    }

    private static byte[] BigEndian16(int value) => [(byte)(value >> 8), (byte)value];

    private static (int Code, int Length)[] CanonicalCodes(byte[] bitsPerLength)
    {
        var codes = new List<(int, int)>();
        var code = 0;
        for (var length = 1; length <= 16; length++)
        {
            for (var i = 0; i < bitsPerLength[length - 1]; i++)
            {
                codes.Add((code++, length));
            }

            code <<= 1;
        }

        return [.. codes];
    }

    private sealed class BitWriter(Stream stream)
    {
        private int _buffer;
        private int _count;

        public void Write(int value, int length)
        {
            for (var i = length - 1; i >= 0; i--)
            {
                _buffer = (_buffer << 1) | ((value >> i) & 1);
                if (++_count == 8)
                {
                    Emit();
                }
            }
        }

        public void Flush()
        {
            while (_count != 0)
            {
                Write(1, 1); // pad with 1-bits
            }
        }

        private void Emit()
        {
            stream.WriteByte((byte)_buffer);
            if (_buffer == 0xFF)
            {
                stream.WriteByte(0x00); // byte stuffing
            }

            _buffer = 0;
            _count = 0;
        }
    }
}
