using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Cxr.Core.Imaging;

/// <summary>
/// 8-bit BT.601 luma from RGBA: <c>(19595 R + 38470 G + 7471 B + 32768) &gt;&gt; 16</c>. These are libjpeg's and
/// Pillow's fixed-point weights (0.299, 0.587, 0.114 scaled by 65536, summing to exactly 65536), so a gray pixel
/// (R = G = B) maps to itself and the result equals Pillow's <c>convert("L")</c> bit for bit.
/// </summary>
internal static class Bt601
{
    public const uint WeightR = 19595;
    public const uint WeightG = 38470;
    public const uint WeightB = 7471;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte Luma(uint r, uint g, uint b) => (byte)(((WeightR * r) + (WeightG * g) + (WeightB * b) + 32768) >> 16);

    /// <summary>Converts <paramref name="gray"/>.Length pixels of RGBA8888 (R first in memory; alpha ignored, so
    /// premultiplied input is composited over black).</summary>
    public static void FromRgba(ReadOnlySpan<byte> rgba, Span<byte> gray)
    {
        var n = gray.Length;
        if (rgba.Length < n * 4)
        {
            throw new ArgumentException("The RGBA buffer is shorter than 4 bytes per output pixel.", nameof(rgba));
        }

        var pixels = MemoryMarshal.Cast<byte, uint>(rgba[..(n * 4)]);
        ref var src = ref MemoryMarshal.GetReference(pixels);
        ref var dst = ref MemoryMarshal.GetReference(gray);
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var mask = Vector256.Create(0xFFu);
            var wr = Vector256.Create(WeightR);
            var wg = Vector256.Create(WeightG);
            var wb = Vector256.Create(WeightB);
            var half = Vector256.Create(32768u);
            for (; i <= n - 32; i += 32)
            {
                var y0 = Luma(Vector256.LoadUnsafe(ref src, (nuint)i), mask, wr, wg, wb, half);
                var y1 = Luma(Vector256.LoadUnsafe(ref src, (nuint)(i + 8)), mask, wr, wg, wb, half);
                var y2 = Luma(Vector256.LoadUnsafe(ref src, (nuint)(i + 16)), mask, wr, wg, wb, half);
                var y3 = Luma(Vector256.LoadUnsafe(ref src, (nuint)(i + 24)), mask, wr, wg, wb, half);
                var bytes = Vector256.Narrow(Vector256.Narrow(y0, y1), Vector256.Narrow(y2, y3));
                bytes.StoreUnsafe(ref dst, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            var p = Unsafe.Add(ref src, i);
            Unsafe.Add(ref dst, i) = Luma(p & 0xFF, (p >> 8) & 0xFF, (p >> 16) & 0xFF);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> Luma(
        Vector256<uint> p, Vector256<uint> mask, Vector256<uint> wr, Vector256<uint> wg, Vector256<uint> wb, Vector256<uint> half)
    {
        var r = p & mask;
        var g = Vector256.ShiftRightLogical(p, 8) & mask;
        var b = Vector256.ShiftRightLogical(p, 16) & mask;
        return Vector256.ShiftRightLogical((r * wr) + (g * wg) + (b * wb) + half, 16);
    }
}
