namespace Cxr.Core.Imaging.Dicom;

/// <summary>
/// One Huffman decoding table of a JPEG stream (T.81 annex C, F.2.2.3), from a DHT segment's 16 code counts and its
/// values: codes up to <see cref="LookupBits"/> long are found with one table look-up, longer ones by the
/// MAXCODE / MINCODE / VALPTR procedure of F.2.2.3.
/// </summary>
internal sealed class JpegHuffmanTable
{
    private const int LookupBits = 9;

    private readonly byte[] _values;
    private readonly int[] _maxCode = new int[17];
    private readonly int[] _minCode = new int[17];
    private readonly int[] _valuePointer = new int[17];

    // Per LookupBits-bit prefix: code length << 8 | value, 0 when the code is longer (or the prefix is not a code).
    private readonly ushort[] _lookup = new ushort[1 << LookupBits];

    private JpegHuffmanTable(byte[] values) => _values = values;

    /// <summary>Builds the table from <paramref name="counts"/> (16 bytes: codes of each length 1 … 16) and
    /// <paramref name="values"/> (their sum of symbols, in code order).</summary>
    /// <exception cref="CorruptImageException">The counts describe more codes than fit their lengths (C.2).</exception>
    public static JpegHuffmanTable Create(ReadOnlySpan<byte> counts, ReadOnlySpan<byte> values)
    {
        var table = new JpegHuffmanTable(values.ToArray());
        var code = 0;
        var k = 0;
        for (var length = 1; length <= 16; length++)
        {
            int n = counts[length - 1];
            table._maxCode[length] = -1;
            if (n > 0)
            {
                table._valuePointer[length] = k;
                table._minCode[length] = code;
                if (code + n > 1 << length)
                {
                    throw JpegLosslessDecoder.Corrupt($"a Huffman table has more codes of length {length} than fit");
                }

                for (var i = 0; i < n; i++, k++, code++)
                {
                    if (length <= LookupBits)
                    {
                        var shift = LookupBits - length;
                        var first = code << shift;
                        for (var p = 0; p < 1 << shift; p++)
                        {
                            table._lookup[first + p] = (ushort)((length << 8) | values[k]);
                        }
                    }
                }

                table._maxCode[length] = code - 1;
            }

            code <<= 1;
        }

        return table;
    }

    /// <summary>Reads one code from <paramref name="bits"/> and returns its value (0 … 255).</summary>
    /// <exception cref="CorruptImageException">The next 16 bits start with no code of the table, or the data ran out.</exception>
    public int Decode(ref JpegBitReader bits)
    {
        var peek = bits.Peek16();
        var entry = _lookup[peek >> (16 - LookupBits)];
        if (entry != 0)
        {
            bits.Skip(entry >> 8);
            return entry & 0xFF;
        }

        for (var length = LookupBits + 1; length <= 16; length++)
        {
            var code = peek >> (16 - length);
            if (code <= _maxCode[length])
            {
                bits.Skip(length);
                return _values[_valuePointer[length] + code - _minCode[length]];
            }
        }

        throw JpegLosslessDecoder.Corrupt("the entropy-coded data holds a code that is not in its Huffman table");
    }
}
