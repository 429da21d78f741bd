using System.Buffers.Binary;
using System.Text;
using SkiaSharp;

namespace Cxr.Testing.Images;

/// <summary>
/// Valid 224 × 224 synthetic films in every supported format, each carrying <c>payload</c> bytes of data that never
/// affects the pixels: PNG text, private and ICC chunks (one chunk, before or after IDAT, good or bad CRC), JPEG COM,
/// APP1 and APP2 (ICC) segments, GIF comment and application extensions, a WebP chunk after the image, and a BMP gap
/// before the pixel array. <see cref="Plain"/> gives the same image without the payload, so a decode can be compared
/// pixel for pixel.
/// </summary>
public static class BigAncillaryImages
{
    /// <summary>Side of every image, in pixels.</summary>
    public const int Side = 224;

    // JPEG segments hold at most 65,533 data bytes (the 16-bit length counts itself).
    private const int JpegSegmentData = 65_533;

    // GIF sub-blocks hold at most 255 bytes.
    private const int GifSubBlock = 255;

    private static readonly Lazy<byte[]> Pixels = new(() => SyntheticRadiograph.Pixels(Side, Side));

    /// <summary>Every case name (<c>format kind</c>), in a fixed order.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "png tEXt", "png tEXt bad-crc", "png zTXt", "png zTXt bad-crc", "png iTXt", "png prIv", "png iCCP", "png tEXt after-IDAT",
        "jpeg COM", "jpeg APP1", "jpeg APP2-ICC", "gif comment", "gif application", "webp unknown-chunk", "bmp gap",
    ];

    /// <summary>The image of case <paramref name="name"/> (see <see cref="Names"/>) with about
    /// <paramref name="payload"/> bytes of ancillary data (whole segments or sub-blocks, so up to one segment less).</summary>
    public static byte[] Create(string name, int payload)
    {
        var filler = Filler(payload);
        return name switch
        {
            "png tEXt" => InsertPngChunk("tEXt", Text("Comment", filler), afterIdat: false, goodCrc: true),
            "png tEXt bad-crc" => InsertPngChunk("tEXt", Text("Comment", filler), afterIdat: false, goodCrc: false),
            "png zTXt" => InsertPngChunk("zTXt", Text("Comment\0", filler), afterIdat: false, goodCrc: true),
            "png zTXt bad-crc" => InsertPngChunk("zTXt", Text("Comment\0", filler), afterIdat: false, goodCrc: false),
            "png iTXt" => InsertPngChunk("iTXt", Text("Comment\0\0\0\0", filler), afterIdat: false, goodCrc: true),
            "png prIv" => InsertPngChunk("prIv", filler, afterIdat: false, goodCrc: true),
            "png iCCP" => InsertPngChunk("iCCP", Text("profile\0\0", filler), afterIdat: false, goodCrc: true),
            "png tEXt after-IDAT" => InsertPngChunk("tEXt", Text("Comment", filler), afterIdat: true, goodCrc: true),
            "jpeg COM" => JpegWithSegments(0xFE, [], filler),
            "jpeg APP1" => JpegWithSegments(0xE1, "http://ns.adobe.com/xap/1.0/\0"u8.ToArray(), filler),
            "jpeg APP2-ICC" => JpegWithSegments(0xE2, "ICC_PROFILE\0"u8.ToArray(), filler, iccSequence: true),
            "gif comment" => GifWithExtension([0x21, 0xFE], filler),
            "gif application" => GifWithExtension([0x21, 0xFF, 11, .. "XMP DataXMP"u8], filler),
            "webp unknown-chunk" => WebpWithChunk(filler),
            "bmp gap" => BmpWithGap(payload),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown case."),
        };
    }

    /// <summary>The format's image of case <paramref name="name"/> without any payload.</summary>
    public static byte[] Plain(string name) => name.Split(' ')[0] switch
    {
        "png" => PlainPng(),
        "jpeg" => PlainJpeg(),
        "gif" => PlainGif(),
        "webp" => PlainWebp(),
        "bmp" => BmpWithGap(0),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown case."),
    };

    /// <summary>One PNG chunk: length, type, data, CRC (correct unless <paramref name="goodCrc"/> is false).</summary>
    public static byte[] PngChunk(string type, ReadOnlySpan<byte> data, bool goodCrc = true)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        data.CopyTo(chunk.AsSpan(8));
        var crc = PngBuilder.Crc32(chunk.AsSpan(4, 4 + data.Length));
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), goodCrc ? crc : ~crc);
        return chunk;
    }

    /// <summary>The plain PNG with <paramref name="chunk"/> (whole, as given) right after IHDR or right before IEND.</summary>
    public static byte[] InsertIntoPng(byte[] chunk, bool afterIdat)
    {
        var png = PlainPng();
        // Signature (8) + IHDR chunk (25) = 33; IEND is the last 12 bytes.
        var at = afterIdat ? png.Length - 12 : 33;
        return [.. png.AsSpan(0, at), .. chunk, .. png.AsSpan(at)];
    }

    private static byte[] InsertPngChunk(string type, byte[] data, bool afterIdat, bool goodCrc) =>
        InsertIntoPng(PngChunk(type, data, goodCrc), afterIdat);

    private static byte[] PlainPng() => SkiaEncoder.Gray(Side, Side, Pixels.Value, SKEncodedImageFormat.Png);

    private static byte[] PlainJpeg() => SkiaEncoder.Gray(Side, Side, Pixels.Value, SKEncodedImageFormat.Jpeg, 90);

    private static byte[] PlainGif()
    {
        var palette = new byte[768];
        for (var i = 0; i < 256; i++)
        {
            palette[3 * i] = palette[(3 * i) + 1] = palette[(3 * i) + 2] = (byte)i;
        }

        return GifBuilder.Build(Side, Side, palette, Pixels.Value);
    }

    private static byte[] PlainWebp()
    {
        var gray = Pixels.Value;
        var rgba = new byte[gray.Length * 4];
        for (var i = 0; i < gray.Length; i++)
        {
            rgba[4 * i] = rgba[(4 * i) + 1] = rgba[(4 * i) + 2] = gray[i];
            rgba[(4 * i) + 3] = 255;
        }

        return SkiaEncoder.LosslessWebp(Side, Side, rgba);
    }

    private static byte[] Filler(int payload)
    {
        // Printable, so text chunks stay valid Latin-1; a repeating pattern, not one value, so nothing compresses it away.
        var filler = new byte[payload];
        for (var i = 0; i < filler.Length; i++)
        {
            filler[i] = (byte)('a' + (i % 26));
        }

        return filler;
    }

    private static byte[] Text(string keyword, byte[] filler) => [.. Encoding.Latin1.GetBytes(keyword + "\0"), .. filler];

    private static byte[] JpegWithSegments(byte marker, byte[] prefix, byte[] filler, bool iccSequence = false)
    {
        var perSegment = JpegSegmentData - prefix.Length - (iccSequence ? 2 : 0);
        var segments = Math.Max(1, filler.Length / perSegment);
        using var stream = new MemoryStream();
        var jpeg = PlainJpeg();
        stream.Write(jpeg.AsSpan(0, 2)); // SOI
        for (var i = 0; i < segments; i++)
        {
            var data = Math.Min(perSegment, filler.Length);
            var length = 2 + prefix.Length + (iccSequence ? 2 : 0) + data;
            stream.Write([0xFF, marker, (byte)(length >> 8), (byte)length]);
            stream.Write(prefix);
            if (iccSequence)
            {
                // Chunk i + 1 of at most 255 (an ICC profile split over more is malformed, which the decoder must survive).
                stream.Write([(byte)Math.Min(i + 1, 255), (byte)Math.Min(segments, 255)]);
            }

            stream.Write(filler.AsSpan(0, data));
        }

        stream.Write(jpeg.AsSpan(2));
        return stream.ToArray();
    }

    private static byte[] GifWithExtension(byte[] introducer, byte[] filler)
    {
        var gif = PlainGif();
        // Header (6) + logical screen descriptor (7) + global palette (768).
        const int afterPalette = 13 + 768;
        using var stream = new MemoryStream();
        stream.Write(gif.AsSpan(0, afterPalette));
        stream.Write(introducer);
        for (var at = 0; at + GifSubBlock <= filler.Length; at += GifSubBlock)
        {
            stream.WriteByte(GifSubBlock);
            stream.Write(filler.AsSpan(at, GifSubBlock));
        }

        stream.WriteByte(0);
        stream.Write(gif.AsSpan(afterPalette));
        return stream.ToArray();
    }

    private static byte[] WebpWithChunk(byte[] filler)
    {
        var webp = PlainWebp();
        var chunk = new byte[8 + filler.Length + (filler.Length & 1)];
        "ABCD"u8.CopyTo(chunk);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(4), (uint)filler.Length);
        filler.CopyTo(chunk, 8);
        byte[] riff = [.. webp, .. chunk];
        BinaryPrimitives.WriteUInt32LittleEndian(riff.AsSpan(4), (uint)(riff.Length - 8));
        return riff;
    }

    private static byte[] BmpWithGap(int gap)
    {
        // 24-bit bottom-up BMP; rows padded to 4 bytes (224 × 3 = 672 already is).
        var gray = Pixels.Value;
        var rowBytes = Side * 3;
        var offset = 54 + gap;
        var bmp = new byte[offset + (rowBytes * Side)];
        "BM"u8.CopyTo(bmp);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(2), bmp.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(10), offset);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(18), Side);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(22), Side);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(28), 24);
        for (var y = 0; y < Side; y++)
        {
            var row = bmp.AsSpan(offset + ((Side - 1 - y) * rowBytes), rowBytes);
            for (var x = 0; x < Side; x++)
            {
                row[3 * x] = row[(3 * x) + 1] = row[(3 * x) + 2] = gray[(y * Side) + x];
            }
        }

        return bmp;
    }
}
