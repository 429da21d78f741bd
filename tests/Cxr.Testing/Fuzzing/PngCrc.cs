using System.Buffers.Binary;

namespace Cxr.Testing.Fuzzing;

/// <summary>Recomputes PNG chunk CRC-32s in place, so a mutated chunk still passes the decoder's CRC check.</summary>
public static class PngCrc
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>Fixes the CRC of every complete chunk after the 8-byte signature; stops at the first chunk whose
    /// declared length runs past the end.</summary>
    public static void FixAll(byte[] png)
    {
        var at = 8;
        while (at + 12 <= png.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at));
            if (length > (uint)(png.Length - at - 12))
            {
                return;
            }

            Fix(png, at);
            at += 12 + (int)length;
        }
    }

    /// <summary>Fixes the CRC of the chunk starting at <paramref name="chunkStart"/> (its length field), when the
    /// whole chunk is present.</summary>
    public static void Fix(byte[] png, int chunkStart)
    {
        var length = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(chunkStart));
        if (length > (uint)(png.Length - chunkStart - 12))
        {
            return;
        }

        var typeAndData = png.AsSpan(chunkStart + 4, 4 + (int)length);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(chunkStart + 8 + (int)length), Crc32(typeAndData));
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc ^ 0xFFFFFFFFu;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
