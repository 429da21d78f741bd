using SkiaSharp;

namespace Cxr.Testing.Images;

/// <summary>
/// Big gray films (up to the 25 MP default limit) that are cheap to make: smooth shading plus a little deterministic
/// noise, so decoders do real work while the file stays a few MB (a 24 MP gray JPEG is under 2 MB, well under the 20 MB
/// upload limit). For tests of how long decoding takes and how soon it stops when cancelled.
/// </summary>
public static class LargeFilm
{
    /// <summary>Row-major gray pixels of a <paramref name="width"/> × <paramref name="height"/> film.</summary>
    public static byte[] Pixels(int width, int height)
    {
        var pixels = GC.AllocateUninitializedArray<byte>(width * height);
        var column = new double[width];
        for (var x = 0; x < width; x++)
        {
            column[x] = Math.Sin(x / 311.0);
        }

        for (var y = 0; y < height; y++)
        {
            var rowShade = Math.Cos(y / 197.0);
            var row = pixels.AsSpan(y * width, width);
            for (var x = 0; x < width; x++)
            {
                // Knuth's multiplicative hash of the position: 3 bits of noise, the same on every run.
                var noise = (int)(((uint)((y * width) + x) * 2_654_435_761u) >> 29);
                row[x] = (byte)(120 + (int)(70 * column[x] * rowShade) + noise);
            }
        }

        return pixels;
    }

    /// <summary>The film as a gray baseline JPEG (quality 90).</summary>
    public static byte[] Jpeg(int width, int height) =>
        SkiaEncoder.Gray(width, height, Pixels(width, height), SKEncodedImageFormat.Jpeg, 90);

    /// <summary>The film tinted (R, G, B differ), as a colour JPEG (quality 90, 4:2:0 chroma): the most expensive
    /// common baseline JPEG to decode (a 24 MP one is under 1 MB and takes about 0.15-0.5 s of CPU on the 2-core machine).</summary>
    public static byte[] ColourJpeg(int width, int height)
    {
        var gray = Pixels(width, height);
        var rgba = GC.AllocateUninitializedArray<byte>(gray.Length * 4);
        for (var i = 0; i < gray.Length; i++)
        {
            rgba[4 * i] = gray[i];
            rgba[(4 * i) + 1] = (byte)(gray[i] / 2);
            rgba[(4 * i) + 2] = (byte)(255 - gray[i]);
            rgba[(4 * i) + 3] = 255;
        }

        return SkiaEncoder.Rgba(width, height, rgba, SKEncodedImageFormat.Jpeg, 90);
    }

    /// <summary>The film as an 8-bit gray PNG.</summary>
    public static byte[] Png(int width, int height) =>
        SkiaEncoder.Gray(width, height, Pixels(width, height), SKEncodedImageFormat.Png);
}
