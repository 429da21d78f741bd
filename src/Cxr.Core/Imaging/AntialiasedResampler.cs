using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Cxr.Core.Imaging;

/// <summary>
/// Separable 8-bit resampling with a triangle (bilinear) kernel widened by the scale factor when shrinking, so every
/// source pixel contributes (antialiasing: no moiré going from 2000 to 224 pixels). The coefficients, rounding and pass
/// order (horizontal, then vertical, 8-bit in between) are those of Pillow's <c>Image.resize(size, BILINEAR)</c>
/// (Resample.c, 8 bits per channel), so results match Pillow (and torchvision's Resize on PIL images) on "L"
/// images. Integer arithmetic only: the output is the same on every CPU, with or without SIMD.
/// </summary>
internal static class AntialiasedResampler
{
    // Pillow: PRECISION_BITS = 32 - 8 - 2, leaving room for 8-bit values and a sum of weights slightly above 1.
    private const int PrecisionBits = 22;
    private const int Half = 1 << (PrecisionBits - 1);
    private const int MaxBeforeShift = (1 << (PrecisionBits + 8)) - 1;

    /// <summary>Resamples <paramref name="src"/> (<paramref name="srcW"/> × <paramref name="srcH"/>, row-major) to
    /// <paramref name="dstW"/> × <paramref name="dstH"/> pixels written into <paramref name="dst"/> starting at
    /// <paramref name="dstOffset"/> with <paramref name="dstStride"/> bytes per row (so a letterbox can be drawn in
    /// place). <paramref name="cancellationToken"/> is checked once per row of each pass.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static void Resize(
        ReadOnlySpan<byte> src, int srcW, int srcH, Span<byte> dst, int dstW, int dstH, int dstOffset, int dstStride,
        CancellationToken cancellationToken = default)
    {
        var needH = dstW != srcW;
        var needV = dstH != srcH;
        if (!needH && !needV)
        {
            for (var y = 0; y < srcH; y++)
            {
                src.Slice(y * srcW, srcW).CopyTo(dst.Slice(dstOffset + (y * dstStride), dstW));
            }

            return;
        }

        var horizontal = needH ? Kernel.For(srcW, dstW) : null;
        var vertical = needV ? Kernel.For(srcH, dstH) : null;
        if (!needV)
        {
            HorizontalPass(src, srcW, 0, srcH, horizontal!, dst, dstOffset, dstStride, cancellationToken);
            return;
        }

        if (!needH)
        {
            VerticalPass(src, srcW, 0, vertical!, dst, dstOffset, dstStride, cancellationToken);
            return;
        }

        // Only the source rows the vertical pass reads go through the horizontal pass.
        var firstRow = vertical!.Start[0];
        var lastRow = vertical.Start[dstH - 1] + vertical.Count[dstH - 1];
        var rows = lastRow - firstRow;
        var temp = ArrayPool<byte>.Shared.Rent(dstW * rows);
        try
        {
            HorizontalPass(src, srcW, firstRow, rows, horizontal!, temp, 0, dstW, cancellationToken);
            VerticalPass(temp, dstW, firstRow, vertical, dst, dstOffset, dstStride, cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(temp);
        }
    }

    /// <summary>How much of the variance of pixel-independent noise survives one axis of <see cref="Resize"/> from
    /// <paramref name="inSize"/> to <paramref name="outSize"/> pixels: the mean over output pixels of the sum of the
    /// squared (normalised) weights; 1 when the size does not change (the pass is a copy).</summary>
    internal static double NoiseVarianceGain(int inSize, int outSize)
    {
        if (inSize == outSize)
        {
            return 1;
        }

        var kernel = Kernel.For(inSize, outSize);
        double total = 0;
        for (var x = 0; x < outSize; x++)
        {
            for (var i = 0; i < kernel.Count[x]; i++)
            {
                var w = kernel.Weights[(x * kernel.Size) + i] / (double)(1 << PrecisionBits);
                total += w * w;
            }
        }

        return total / outSize;
    }

    private static void HorizontalPass(
        ReadOnlySpan<byte> src, int srcW, int firstRow, int rows, Kernel k, Span<byte> dst, int dstOffset, int dstStride,
        CancellationToken cancellationToken)
    {
        if (Vector256.IsHardwareAccelerated && k.Padded is not null)
        {
            HorizontalPassVector(src, srcW, firstRow, rows, k, dst, dstOffset, dstStride, cancellationToken);
            return;
        }

        var outW = k.Start.Length;
        ref var weights0 = ref MemoryMarshal.GetArrayDataReference(k.Weights);
        for (var y = 0; y < rows; y++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ref var inRow = ref Unsafe.AsRef(in src[(firstRow + y) * srcW]);
            var outRow = dst.Slice(dstOffset + (y * dstStride), outW);
            for (var x = 0; x < outW; x++)
            {
                ref var w = ref Unsafe.Add(ref weights0, x * k.Size);
                ref var p = ref Unsafe.Add(ref inRow, k.Start[x]);
                var count = k.Count[x];
                var sum = Half;
                for (var i = 0; i < count; i++)
                {
                    sum += Unsafe.Add(ref p, i) * Unsafe.Add(ref w, i);
                }

                outRow[x] = Clip(sum);
            }
        }
    }

    // Same sums as the scalar pass (integer addition is exact in any order), 8 taps per step: each output pixel reads
    // a window of Padded.Size source bytes that lies fully inside the row, with zero weights outside its real taps.
    private static void HorizontalPassVector(
        ReadOnlySpan<byte> src, int srcW, int firstRow, int rows, Kernel k, Span<byte> dst, int dstOffset, int dstStride,
        CancellationToken cancellationToken)
    {
        var padded = k.Padded!;
        var outW = k.Start.Length;
        var steps = padded.Size / 8;
        ref var weights0 = ref MemoryMarshal.GetArrayDataReference(padded.Weights);
        ref var starts0 = ref MemoryMarshal.GetArrayDataReference(padded.Start);
        var groups = Avx2.IsSupported ? outW / 8 : 0;
        for (var y = 0; y < rows; y++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ref var inRow = ref Unsafe.AsRef(in src[(firstRow + y) * srcW]);
            ref var outRow = ref dst[dstOffset + (y * dstStride)];
            for (var g = 0; g < groups; g++)
            {
                var x = g * 8;
                var sums = Reduce8(
                    Dot(ref inRow, ref starts0, ref weights0, x, padded.Size, steps),
                    Dot(ref inRow, ref starts0, ref weights0, x + 1, padded.Size, steps),
                    Dot(ref inRow, ref starts0, ref weights0, x + 2, padded.Size, steps),
                    Dot(ref inRow, ref starts0, ref weights0, x + 3, padded.Size, steps),
                    Dot(ref inRow, ref starts0, ref weights0, x + 4, padded.Size, steps),
                    Dot(ref inRow, ref starts0, ref weights0, x + 5, padded.Size, steps),
                    Dot(ref inRow, ref starts0, ref weights0, x + 6, padded.Size, steps),
                    Dot(ref inRow, ref starts0, ref weights0, x + 7, padded.Size, steps));
                var clipped = Vector256.ShiftRightArithmetic(
                    Vector256.Min(Vector256.Max(sums + Vector256.Create(Half), Vector256<int>.Zero), Vector256.Create(MaxBeforeShift)),
                    PrecisionBits);
                var words = Vector256.Narrow(clipped, clipped).GetLower().AsUInt16();
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref outRow, x), Vector128.Narrow(words, words).AsUInt64().ToScalar());
            }

            for (var x = groups * 8; x < outW; x++)
            {
                Unsafe.Add(ref outRow, x) = Clip(Half + Vector256.Sum(Dot(ref inRow, ref starts0, ref weights0, x, padded.Size, steps)));
            }
        }
    }

    // Eight per-pixel partial sums of one output pixel's window (reduce with Sum or Reduce8).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Dot(ref byte inRow, ref int starts0, ref int weights0, int x, int size, int steps)
    {
        ref var p = ref Unsafe.Add(ref inRow, Unsafe.Add(ref starts0, x));
        ref var w = ref Unsafe.Add(ref weights0, x * size);
        var acc = Vector256<int>.Zero;
        for (var s = 0; s < steps; s++)
        {
            var bytes = Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, s * 8))).AsByte();
            var ints = Avx2.IsSupported
                ? Avx2.ConvertToVector256Int32(bytes)
                : Vector256.Create(Vector128.WidenLower(Vector128.WidenLower(bytes)), Vector128.WidenUpper(Vector128.WidenLower(bytes))).AsInt32();
            acc += ints * Vector256.LoadUnsafe(ref w, (nuint)(s * 8));
        }

        return acc;
    }

    // Horizontal sums of eight vectors, in order: [Σa0, Σa1, ..., Σa7].
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Reduce8(
        Vector256<int> a0, Vector256<int> a1, Vector256<int> a2, Vector256<int> a3,
        Vector256<int> a4, Vector256<int> a5, Vector256<int> a6, Vector256<int> a7)
    {
        var t0 = Avx2.HorizontalAdd(Avx2.HorizontalAdd(a0, a1), Avx2.HorizontalAdd(a2, a3));
        var t1 = Avx2.HorizontalAdd(Avx2.HorizontalAdd(a4, a5), Avx2.HorizontalAdd(a6, a7));
        return Avx2.Add(Avx2.Permute2x128(t0, t1, 0x20), Avx2.Permute2x128(t0, t1, 0x31));
    }

    // srcFirstRow: the source row that src row 0 is (the kernel's Start values are absolute source rows).
    private static void VerticalPass(
        ReadOnlySpan<byte> src, int width, int srcFirstRow, Kernel k, Span<byte> dst, int dstOffset, int dstStride,
        CancellationToken cancellationToken)
    {
        var outH = k.Start.Length;
        Span<int> acc = width <= 1024 ? stackalloc int[width] : new int[width];
        for (var y = 0; y < outH; y++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            acc.Fill(Half);
            var start = k.Start[y] - srcFirstRow;
            var count = k.Count[y];
            for (var i = 0; i < count; i++)
            {
                AddScaledRow(src.Slice((start + i) * width, width), k.Weights[(y * k.Size) + i], acc);
            }

            ClipRow(acc, dst.Slice(dstOffset + (y * dstStride), width));
        }
    }

    private static void ClipRow(ReadOnlySpan<int> acc, Span<byte> outRow)
    {
        var x = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var a = ref MemoryMarshal.GetReference(acc);
            ref var o = ref MemoryMarshal.GetReference(outRow);
            var zero = Vector256<int>.Zero;
            var max = Vector256.Create(MaxBeforeShift);
            for (; x <= acc.Length - 16; x += 16)
            {
                var lo = Vector256.ShiftRightArithmetic(Vector256.Min(Vector256.Max(Vector256.LoadUnsafe(ref a, (nuint)x), zero), max), PrecisionBits);
                var hi = Vector256.ShiftRightArithmetic(Vector256.Min(Vector256.Max(Vector256.LoadUnsafe(ref a, (nuint)(x + 8)), zero), max), PrecisionBits);
                var words = Vector256.Narrow(lo, hi).AsUInt16();
                Vector128.Narrow(words.GetLower(), words.GetUpper()).StoreUnsafe(ref o, (nuint)x);
            }
        }

        for (; x < acc.Length; x++)
        {
            outRow[x] = Clip(acc[x]);
        }
    }

    private static void AddScaledRow(ReadOnlySpan<byte> row, int weight, Span<int> acc)
    {
        var x = 0;
        ref var r = ref MemoryMarshal.GetReference(row);
        ref var a = ref MemoryMarshal.GetReference(acc);
        if (Vector256.IsHardwareAccelerated)
        {
            var w = Vector256.Create(weight);
            for (; x <= row.Length - 16; x += 16)
            {
                var bytes = Vector128.LoadUnsafe(ref r, (nuint)x);
                var (lo, hi) = Vector128.Widen(bytes);
                var lo32 = Vector256.Create(Vector128.WidenLower(lo), Vector128.WidenUpper(lo)).AsInt32();
                var hi32 = Vector256.Create(Vector128.WidenLower(hi), Vector128.WidenUpper(hi)).AsInt32();
                (Vector256.LoadUnsafe(ref a, (nuint)x) + (lo32 * w)).StoreUnsafe(ref a, (nuint)x);
                (Vector256.LoadUnsafe(ref a, (nuint)(x + 8)) + (hi32 * w)).StoreUnsafe(ref a, (nuint)(x + 8));
            }
        }

        for (; x < row.Length; x++)
        {
            Unsafe.Add(ref a, x) += Unsafe.Add(ref r, x) * weight;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte Clip(int sum) => sum <= 0 ? (byte)0 : sum >= MaxBeforeShift ? (byte)255 : (byte)(sum >> PrecisionBits);

    /// <summary>Per output pixel: first source index, number of taps, and fixed-point weights (Pillow's
    /// <c>precompute_coeffs</c> + <c>normalize_coeffs_8bpc</c>, box = whole image).</summary>
    internal sealed class Kernel
    {
        private Kernel(int[] start, int[] count, int[] weights, int size, PaddedKernel? padded)
        {
            Start = start;
            Count = count;
            Weights = weights;
            Size = size;
            Padded = padded;
        }

        public int[] Start { get; }

        public int[] Count { get; }

        /// <summary>Row-major [outSize, Size]; unused taps are 0.</summary>
        public int[] Weights { get; }

        public int Size { get; }

        // Kernels are immutable, so they are shared: the data set and the model sizes produce a handful of (in, out)
        // pairs. Arbitrary upload sizes could produce many, so the cache stops growing at a fixed count.
        private const int MaxCached = 256;
        private static readonly ConcurrentDictionary<(int In, int Out), Kernel> Cache = new();

        /// <summary>The kernel for <paramref name="inSize"/> → <paramref name="outSize"/>, cached when possible.</summary>
        public static Kernel For(int inSize, int outSize)
        {
            if (Cache.TryGetValue((inSize, outSize), out var cached))
            {
                return cached;
            }

            var kernel = Create(inSize, outSize);
            if (Cache.Count < MaxCached)
            {
                Cache.TryAdd((inSize, outSize), kernel);
            }

            return kernel;
        }

        /// <summary>The same taps laid out for 8-wide SIMD, or null when the source is narrower than one window.</summary>
        public PaddedKernel? Padded { get; }

        public static Kernel Create(int inSize, int outSize)
        {
            double scale = (double)inSize / outSize;
            var filterScale = Math.Max(scale, 1.0);
            var support = 1.0 * filterScale; // triangle kernel: support 1 source pixel, widened when shrinking
            var size = ((int)Math.Ceiling(support) * 2) + 1;
            var start = new int[outSize];
            var count = new int[outSize];
            var weights = new int[outSize * size];
            Span<double> k = size <= 256 ? stackalloc double[size] : new double[size];
            var ss = 1.0 / filterScale;
            for (var xx = 0; xx < outSize; xx++)
            {
                var center = (xx + 0.5) * scale;
                var xmin = Math.Max((int)(center - support + 0.5), 0);
                var xmax = Math.Min((int)(center + support + 0.5), inSize) - xmin;
                double ww = 0;
                for (var x = 0; x < xmax; x++)
                {
                    var w = Triangle((x + xmin - center + 0.5) * ss);
                    k[x] = w;
                    ww += w;
                }

                for (var x = 0; x < xmax; x++)
                {
                    var w = ww != 0.0 ? k[x] / ww : k[x];
                    weights[(xx * size) + x] = w < 0
                        ? (int)(-0.5 + (w * (1 << PrecisionBits)))
                        : (int)(0.5 + (w * (1 << PrecisionBits)));
                }

                start[xx] = xmin;
                count[xx] = xmax;
            }

            return new Kernel(start, count, weights, size, PaddedKernel.Create(start, count, weights, size, inSize));
        }

        private static double Triangle(double x)
        {
            x = Math.Abs(x);
            return x < 1.0 ? 1.0 - x : 0.0;
        }
    }
}
