using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Cxr.Core.Imaging;

/// <summary>
/// Mean chroma of an RGBA8888 image: the average over pixels of <c>max(R, G, B) − min(R, G, B)</c>, divided by 255, so
/// 0 for any gray image and up to 1 for saturated primaries. Radiographs are gray: a gray film saved as a colour JPEG
/// keeps its chroma below about 0.005 (chroma subsampling and rounding noise), while a photo or screenshot is far above.
/// </summary>
internal static class ChromaMeter
{
    // Flush the 32-bit lane sums long before they can overflow (at most 255 per lane per iteration).
    private const int FlushEvery = 1 << 20;

    /// <summary>Mean chroma in [0, 1] of the first <paramref name="pixelCount"/> pixels of <paramref name="rgba"/>
    /// (R first in memory; alpha ignored).</summary>
    public static double Mean(ReadOnlySpan<byte> rgba, int pixelCount)
    {
        if (pixelCount <= 0)
        {
            return 0;
        }

        var pixels = MemoryMarshal.Cast<byte, uint>(rgba[..(pixelCount * 4)]);
        ulong total = 0;
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var mask = Vector256.Create(0xFFu);
            var lanes = Vector256<uint>.Zero;
            var sinceFlush = 0;
            for (; i <= pixelCount - 8; i += 8)
            {
                var p = Vector256.Create(pixels.Slice(i, 8));
                var r = p & mask;
                var g = Vector256.ShiftRightLogical(p, 8) & mask;
                var b = Vector256.ShiftRightLogical(p, 16) & mask;
                lanes += Vector256.Max(Vector256.Max(r, g), b) - Vector256.Min(Vector256.Min(r, g), b);
                if (++sinceFlush == FlushEvery)
                {
                    total += Sum(lanes);
                    lanes = Vector256<uint>.Zero;
                    sinceFlush = 0;
                }
            }

            total += Sum(lanes);
        }

        for (; i < pixelCount; i++)
        {
            var p = pixels[i];
            total += Of(p & 0xFF, (p >> 8) & 0xFF, (p >> 16) & 0xFF);
        }

        return Mean(total, pixelCount);
    }

    /// <summary>One pixel's chroma, <c>max(R, G, B) − min(R, G, B)</c>, in 0..255: what <see cref="Mean(ReadOnlySpan{byte}, int)"/>
    /// averages, for callers that walk other pixel layouts (e.g. DICOM's interleaved or planar RGB).</summary>
    public static uint Of(uint r, uint g, uint b) => Math.Max(Math.Max(r, g), b) - Math.Min(Math.Min(r, g), b);

    /// <summary>The mean chroma in [0, 1] of <paramref name="pixelCount"/> pixels whose <see cref="Of"/> values sum to
    /// <paramref name="total"/>.</summary>
    public static double Mean(ulong total, int pixelCount) => pixelCount <= 0 ? 0 : total / (255.0 * pixelCount);

    private static ulong Sum(Vector256<uint> lanes)
    {
        ulong sum = 0;
        for (var lane = 0; lane < Vector256<uint>.Count; lane++)
        {
            sum += lanes.GetElement(lane);
        }

        return sum;
    }
}
