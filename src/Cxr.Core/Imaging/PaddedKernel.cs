namespace Cxr.Core.Imaging;

/// <summary>
/// A resampling kernel re-laid for SIMD: every output pixel gets a window of <see cref="Size"/> (a multiple of 8)
/// source pixels that lies entirely inside the source row (shifted left near the right edge), with the real weights at
/// their positions and zeros elsewhere. Sums are unchanged; only reads become fixed-width and branch-free.
/// </summary>
internal sealed class PaddedKernel
{
    private PaddedKernel(int[] start, int[] weights, int size)
    {
        Start = start;
        Weights = weights;
        Size = size;
    }

    /// <summary>First source index of each output pixel's window.</summary>
    public int[] Start { get; }

    /// <summary>Row-major [outSize, Size].</summary>
    public int[] Weights { get; }

    /// <summary>Window width, a multiple of 8.</summary>
    public int Size { get; }

    public static PaddedKernel? Create(int[] start, int[] count, int[] weights, int size, int inSize)
    {
        var maxCount = count.Length == 0 ? 0 : count.Max();
        var padded = Math.Max(8, (maxCount + 7) & ~7);
        if (padded > inSize)
        {
            return null;
        }

        var outSize = start.Length;
        var windowStart = new int[outSize];
        var windowWeights = new int[outSize * padded];
        for (var x = 0; x < outSize; x++)
        {
            var ws = Math.Min(start[x], inSize - padded);
            windowStart[x] = ws;
            var shift = start[x] - ws;
            Array.Copy(weights, x * size, windowWeights, (x * padded) + shift, count[x]);
        }

        return new PaddedKernel(windowStart, windowWeights, padded);
    }
}
