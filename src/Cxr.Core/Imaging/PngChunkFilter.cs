using System.Buffers;
using System.Buffers.Binary;

namespace Cxr.Core.Imaging;

/// <summary>
/// One linear pass over a PNG's chunks before libpng sees them, so that no chunk can make decoding slow. libpng's
/// progressive reader (the one Skia uses) gathers each chunk into a buffer that grows step by step, which costs time
/// quadratic in the chunk's size: a single 15 MB <c>tEXt</c> chunk took about 110 s before this filter, a 10 MB
/// <c>zTXt</c>, <c>iTXt</c>, <c>iCCP</c> or private chunk about 0.55 s. The filter drops what cannot change the pixels
/// the pipeline produces and refuses what libpng would refuse anyway:
/// <list type="bullet">
/// <item><c>tEXt</c>, <c>zTXt</c>, <c>iTXt</c> (text) are always dropped.</item>
/// <item>Any other ancillary chunk (lowercase first letter) longer than <see cref="MaxAncillaryBytes"/> is dropped:
/// <c>iCCP</c> (colour profiles are ignored by the pipeline), <c>sPLT</c>, private chunks, and <c>eXIf</c> — a
/// larger <c>eXIf</c> loses its orientation (the image is then read as stored); real Exif blocks are under 64 kB,
/// the JPEG APP1 segment limit they come from.</item>
/// <item>A chunk of unknown critical type (uppercase first letter, not <c>IHDR</c>, <c>PLTE</c>, <c>IDAT</c>,
/// <c>IEND</c>), and a <c>PLTE</c> over 64 KiB (a palette has at most 768 bytes), are refused as corrupt at once:
/// libpng refuses the first, and the second in a palette image, only after buffering them (an oversized PLTE in a gray
/// or RGB image it would skip; that invalid file is refused here).</item>
/// <item>A chunk that runs past the end of a truncated file is judged by its declared length like the others (libpng
/// would buffer everything that is left); when it is dropped, the rest of the file goes with it.</item>
/// <item>Everything else, including a tail with an impossible length or an invalid chunk type, and anything after
/// <c>IEND</c>, is kept byte for byte, so damaged files fail (or decode) exactly as before.</item>
/// </list>
/// CRCs are not checked: libpng discards an ancillary chunk with a bad CRC anyway, so dropping it changes nothing.
/// </summary>
internal static class PngChunkFilter
{
    /// <summary>64 KiB: the longest non-text ancillary chunk passed to libpng.</summary>
    public const int MaxAncillaryBytes = 64 * 1024;

    private const int SignatureLength = 8;

    // Length (4) + type (4) + CRC (4) around each chunk's data.
    private const int ChunkOverhead = 12;

    /// <summary>Filters <paramref name="png"/> (a whole PNG file, signature included).</summary>
    /// <param name="png">The encoded bytes.</param>
    /// <param name="filtered">When something was dropped: a buffer rented from <see cref="ArrayPool{T}.Shared"/>
    /// whose first <paramref name="length"/> bytes are the filtered file (the caller returns it, cleared); otherwise
    /// null.</param>
    /// <param name="length">The filtered length in bytes, or 0 when <paramref name="filtered"/> is null.</param>
    /// <returns>True when chunks were dropped (decode <paramref name="filtered"/>); false when the input can be decoded
    /// as it is (no copy was made).</returns>
    /// <exception cref="CorruptImageException">A complete chunk of unknown critical type.</exception>
    public static bool TryFilter(ReadOnlySpan<byte> png, out byte[]? filtered, out int length)
    {
        filtered = null;
        length = 0;
        // Pass 1: find the first chunk to drop; most files have none and are never copied.
        var first = NextDropped(png, SignatureLength, out var firstEnd);
        if (first < 0)
        {
            return false;
        }

        // Pass 2: copy every kept range. The output is never longer than the input.
        var buffer = ArrayPool<byte>.Shared.Rent(png.Length);
        try
        {
            png[..first].CopyTo(buffer);
            var written = first;
            var at = firstEnd;
            while (true)
            {
                var drop = NextDropped(png, at, out var dropEnd);
                var keepEnd = drop < 0 ? png.Length : drop;
                png[at..keepEnd].CopyTo(buffer.AsSpan(written));
                written += keepEnd - at;
                if (drop < 0)
                {
                    break;
                }

                at = dropEnd;
            }

            filtered = buffer;
            length = written;
            return true;
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
            throw;
        }
    }

    /// <summary>The start of the next chunk to drop at or after <paramref name="at"/> (a chunk boundary), with its end
    /// in <paramref name="end"/>; -1 when the rest is kept.</summary>
    private static int NextDropped(ReadOnlySpan<byte> png, int at, out int end)
    {
        end = 0;
        while (png.Length - at >= ChunkOverhead)
        {
            var dataLength = BinaryPrimitives.ReadUInt32BigEndian(png[at..]);
            var type = png.Slice(at + 4, 4);
            // A length above 2^31 − 1 or a type that is not four ASCII letters: libpng stops there at once; keep the rest.
            if (dataLength > int.MaxValue || !IsLetters(type) || type.SequenceEqual("IEND"u8))
            {
                return -1;
            }

            // A chunk may run past the end (a truncated file): libpng would buffer all that is left, so it is judged on
            // its declared length like any other, and dropped to the end of the file when it is dropped.
            var complete = dataLength <= (uint)(png.Length - at - ChunkOverhead);
            if (IsCritical(type))
            {
                // IDAT is streamed, not buffered; IHDR's length is checked before buffering. A palette holds at most
                // 768 bytes, so a longer PLTE is invalid (libpng refuses it for palette images, only after buffering).
                if (!IsKnownCritical(type) || (type.SequenceEqual("PLTE"u8) && dataLength > MaxAncillaryBytes))
                {
                    throw new CorruptImageException(ImageFormat.Png, type.SequenceEqual("PLTE"u8) ? "OversizedPalette" : "UnknownCriticalChunk");
                }
            }
            else if (IsText(type) || dataLength > MaxAncillaryBytes)
            {
                end = complete ? at + ChunkOverhead + (int)dataLength : png.Length;
                return at;
            }

            if (!complete)
            {
                return -1;
            }

            at += ChunkOverhead + (int)dataLength;
        }

        return -1;
    }

    private static bool IsLetters(ReadOnlySpan<byte> type)
    {
        foreach (var b in type)
        {
            if (!char.IsAsciiLetter((char)b))
            {
                return false;
            }
        }

        return true;
    }

    // Bit 5 of the first letter clear (uppercase): a decoder that does not know the chunk must stop.
    private static bool IsCritical(ReadOnlySpan<byte> type) => (type[0] & 0x20) == 0;

    private static bool IsKnownCritical(ReadOnlySpan<byte> type) =>
        type.SequenceEqual("IHDR"u8) || type.SequenceEqual("PLTE"u8) || type.SequenceEqual("IDAT"u8);

    private static bool IsText(ReadOnlySpan<byte> type) =>
        type.SequenceEqual("tEXt"u8) || type.SequenceEqual("zTXt"u8) || type.SequenceEqual("iTXt"u8);
}
