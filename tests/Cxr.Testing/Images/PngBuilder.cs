using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Cxr.Testing.Images;

/// <summary>Hand-builds PNG files chunk by chunk (correct CRCs), for bit depths and color types Skia cannot encode.</summary>
public static class PngBuilder
{
    public const byte Gray = 0;
    public const byte Rgb = 2;
    public const byte Palette = 3;
    public const byte GrayAlpha = 4;
    public const byte Rgba = 6;

    private static readonly uint[] CrcTable = BuildCrcTable();

    /// <summary>A PNG from unfiltered sample rows (each row gets filter byte 0); <paramref name="samples"/> holds the
    /// raw row bytes back to back (big-endian for 16-bit).</summary>
    public static byte[] Build(
        int width, int height, byte bitDepth, byte colorType, byte[] samples, byte[]? palette = null, byte[]? transparency = null)
    {
        var rowBytes = samples.Length / height;
        var raw = new byte[(rowBytes + 1) * height];
        for (var y = 0; y < height; y++)
        {
            Array.Copy(samples, y * rowBytes, raw, (y * (rowBytes + 1)) + 1, rowBytes);
        }

        return BuildWithIdat(width, height, bitDepth, colorType, Deflate(raw), palette, transparency);
    }

    /// <summary>A PNG whose IDAT is <paramref name="idat"/> as given (e.g. too short for the declared size).</summary>
    public static byte[] BuildWithIdat(
        int width, int height, byte bitDepth, byte colorType, byte[] idat, byte[]? palette = null, byte[]? transparency = null)
    {
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = bitDepth;
        ihdr[9] = colorType;
        WriteChunk(png, "IHDR", ihdr);
        if (palette is not null)
        {
            WriteChunk(png, "PLTE", palette);
        }

        if (transparency is not null)
        {
            WriteChunk(png, "tRNS", transparency);
        }

        WriteChunk(png, "IDAT", idat);
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    public static byte[] Deflate(byte[] raw)
    {
        using var ms = new MemoryStream();
        using (var z = new ZLibStream(ms, CompressionLevel.Optimal))
        {
            z.Write(raw);
        }

        return ms.ToArray();
    }

    public static uint Crc32(ReadOnlySpan<byte> data)
    {
        var c = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            c = CrcTable[(c ^ b) & 0xFF] ^ (c >> 8);
        }

        return c ^ 0xFFFFFFFFu;
    }

    private static void WriteChunk(Stream s, string type, byte[] data)
    {
        Span<byte> len = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(len, data.Length);
        s.Write(len);
        var typeAndData = new byte[4 + data.Length];
        Encoding.ASCII.GetBytes(type, typeAndData);
        data.CopyTo(typeAndData, 4);
        s.Write(typeAndData);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typeAndData));
        s.Write(crc);
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
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
