namespace Cxr.Core.Imaging;

/// <summary>
/// Detects the encoded format from magic bytes (never from a file name), and names common non-images so the error
/// message can say what the data is instead.
/// </summary>
public static class ImageFormatSniffer
{
    /// <summary>How many leading bytes <see cref="Describe"/> looks at (the DICOM signature sits at offset 128).</summary>
    public const int HeaderBytes = 512;

    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The supported format whose signature <paramref name="header"/> starts with, or null. Needs at most the
    /// first 132 bytes (DICOM's <c>DICM</c> sits at offset 128); shorter input is only recognised when the signature is
    /// complete.</summary>
    public static ImageFormat? Detect(ReadOnlySpan<byte> header)
    {
        // First: a DICOM preamble is free-form (it may even hold another format's header, PS3.10 7.5), so only "DICM"
        // counts.
        if (IsDicom(header))
        {
            return ImageFormat.Dicom;
        }

        if (header.Length >= 3 && header[0] == 0xFF && header[1] == 0xD8 && header[2] == 0xFF)
        {
            return ImageFormat.Jpeg;
        }

        if (header.StartsWith(PngSignature))
        {
            return ImageFormat.Png;
        }

        if (header.StartsWith("GIF87a"u8) || header.StartsWith("GIF89a"u8))
        {
            return ImageFormat.Gif;
        }

        if (header.Length >= 12 && header.StartsWith("RIFF"u8) && header.Slice(8, 4).SequenceEqual("WEBP"u8))
        {
            return ImageFormat.Webp;
        }

        if (IsBmp(header))
        {
            return ImageFormat.Bmp;
        }

        return null;
    }

    /// <summary>
    /// <see cref="ImageFormat.Jpeg"/> or <see cref="ImageFormat.Png"/> when <paramref name="data"/> is non-empty and
    /// shorter than that format's signature but matches its start (a file cut off within its first bytes), else null.
    /// Only these two binary signatures count: the others begin with letters ("GIF8", "RIFF", "BM"), so their first
    /// bytes are as likely to be text.
    /// </summary>
    public static ImageFormat? TruncatedSignature(ReadOnlySpan<byte> data)
    {
        ReadOnlySpan<byte> jpeg = [0xFF, 0xD8, 0xFF];
        if (data.IsEmpty)
        {
            return null;
        }

        if (data.Length < jpeg.Length && jpeg.StartsWith(data))
        {
            return ImageFormat.Jpeg;
        }

        return data.Length < PngSignature.Length && PngSignature.StartsWith(data) ? ImageFormat.Png : null;
    }

    /// <summary>
    /// A short phrase for what non-image data looks like ("a PDF document", "an HTML page", "plain text", ...), or
    /// null when it is not recognised. Used in <see cref="UnsupportedImageFormatException"/> messages.
    /// </summary>
    public static string? Describe(ReadOnlySpan<byte> header)
    {
        if (header.Length > HeaderBytes)
        {
            header = header[..HeaderBytes];
        }

        if (header.StartsWith("%PDF"u8))
        {
            return "a PDF document";
        }

        if (header.StartsWith("II*\0"u8) || header.StartsWith("MM\0*"u8))
        {
            return "a TIFF image";
        }

        if (header.StartsWith("PK\u0003\u0004"u8) || header.StartsWith("PK\u0005\u0006"u8))
        {
            return "a ZIP archive (or an Office document)";
        }

        if (header.Length >= 2 && header[0] == 0x1F && header[1] == 0x8B)
        {
            return "a gzip archive";
        }

        if (header.Length >= 12 && header.Slice(4, 4).SequenceEqual("ftyp"u8))
        {
            var brand = header.Slice(8, 4);
            if (brand.SequenceEqual("avif"u8) || brand.SequenceEqual("avis"u8))
            {
                return "an AVIF image";
            }

            if (brand.SequenceEqual("heic"u8) || brand.SequenceEqual("heix"u8) || brand.SequenceEqual("mif1"u8) ||
                brand.SequenceEqual("msf1"u8) || brand.SequenceEqual("hevc"u8))
            {
                return "a HEIC image";
            }

            return "a video or MP4 file";
        }

        if (header.StartsWith("RIFF"u8))
        {
            return "a RIFF file (audio or video)";
        }

        if (header.Length >= 4 && header[0] == 0 && header[1] == 0 && header[2] == 1 && header[3] == 0)
        {
            return "a Windows icon (ICO)";
        }

        if (!LooksLikeText(header))
        {
            return null;
        }

        var text = TrimTextStart(header);
        if (StartsWithIgnoreCase(text, "<!doctype html"u8) || StartsWithIgnoreCase(text, "<html"u8) ||
            StartsWithIgnoreCase(text, "<head"u8) || StartsWithIgnoreCase(text, "<body"u8))
        {
            return "an HTML page";
        }

        if (StartsWithIgnoreCase(text, "<svg"u8) ||
            (StartsWithIgnoreCase(text, "<?xml"u8) && IndexOfIgnoreCase(header, "<svg"u8) >= 0))
        {
            return "an SVG drawing";
        }

        if (StartsWithIgnoreCase(text, "<?xml"u8))
        {
            return "an XML document";
        }

        if (text.Length > 0 && (text[0] == (byte)'{' || text[0] == (byte)'['))
        {
            return "JSON text";
        }

        if (StartsWithIgnoreCase(text, "data:image/"u8))
        {
            return "a data URL (decode the base64 first)";
        }

        return "plain text";
    }

    private static bool IsDicom(ReadOnlySpan<byte> header)
    {
        if (header.Length >= 132 && header.Slice(128, 4).SequenceEqual("DICM"u8))
        {
            return true;
        }

        // Without the preamble (PS3.10 allows reading such streams; some tools write them): the first element is a file
        // meta element (0002,00xx) written Explicit VR Little Endian, so its VR is two capital letters.
        return header.Length >= 8 && header[0] == 0x02 && header[1] == 0x00 && header[3] == 0x00 &&
               header[4] is >= (byte)'A' and <= (byte)'Z' && header[5] is >= (byte)'A' and <= (byte)'Z';
    }

    private static bool IsBmp(ReadOnlySpan<byte> header)
    {
        // "BM" alone is too weak (text can start with it): also require a known DIB header size at offset 14.
        if (header.Length < 26 || header[0] != (byte)'B' || header[1] != (byte)'M')
        {
            return false;
        }

        var dibSize = header[14] | (header[15] << 8) | (header[16] << 16) | (header[17] << 24);
        return dibSize is 12 or 16 or 40 or 52 or 56 or 64 or 108 or 124;
    }

    private static bool LooksLikeText(ReadOnlySpan<byte> header)
    {
        if (header.IsEmpty)
        {
            return false;
        }

        foreach (var b in header)
        {
            // Printable ASCII, whitespace, or any byte of a UTF-8 multi-byte sequence; no other control bytes.
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0C))
            {
                return false;
            }

            if (b == 0x7F)
            {
                return false;
            }
        }

        return true;
    }

    private static ReadOnlySpan<byte> TrimTextStart(ReadOnlySpan<byte> text)
    {
        if (text.StartsWith("\uFEFF"u8))
        {
            text = text[3..];
        }

        var i = 0;
        while (i < text.Length && text[i] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0C)
        {
            i++;
        }

        return text[i..];
    }

    private static bool StartsWithIgnoreCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> lowerAsciiPrefix)
        => text.Length >= lowerAsciiPrefix.Length && IndexOfIgnoreCase(text[..lowerAsciiPrefix.Length], lowerAsciiPrefix) == 0;

    private static int IndexOfIgnoreCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> lowerAsciiNeedle)
    {
        for (var start = 0; start + lowerAsciiNeedle.Length <= text.Length; start++)
        {
            var match = true;
            for (var j = 0; j < lowerAsciiNeedle.Length; j++)
            {
                var c = text[start + j];
                if (c is >= (byte)'A' and <= (byte)'Z')
                {
                    c = (byte)(c + 32);
                }

                if (c != lowerAsciiNeedle[j])
                {
                    match = false;
                    break;
                }
            }

            if (match)
            {
                return start;
            }
        }

        return -1;
    }
}
