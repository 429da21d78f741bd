using System.Runtime.CompilerServices;

namespace Cxr.Core.Imaging;

/// <summary>
/// Contrast-limited adaptive histogram equalisation (CLAHE) of an 8-bit image, the recipe of OpenCV's
/// <c>cv::createCLAHE(clipLimit, tileGridSize).apply</c> for <c>CV_8UC1</c>, in exact integer arithmetic.
/// </summary>
/// <remarks>
/// <para>Steps, as OpenCV: (1) the image is cut into <c>grid × grid</c> tiles of <c>tw × th</c> pixels; when a side is
/// not a multiple of the grid, the image is first extended at the right and bottom by mirroring without repeating the
/// edge (OpenCV's <c>BORDER_REFLECT_101</c>) by <c>grid − side mod grid</c> pixels on both axes, and the tiles cover the
/// extended image. (2) Each tile's 256-bin histogram is clipped at <c>max(1, ⌊clip · tw · th / 256⌋)</c> (the clip
/// limit is a multiple of the uniform bin height); the clipped count is spread back evenly (<c>⌊excess / 256⌋</c> on every
/// bin, then one more on every <c>max(1, ⌊256 / rest⌋)</c>-th bin from 0 until the rest is used up). (3) The tile's mapping
/// is <c>lut[v] = round(255 · cdf(v) / (tw · th))</c>. (4) Each pixel's value is the bilinear blend of the mappings of the
/// four nearest tile centres at coordinate <c>(x / tw − ½, y / th − ½)</c> (clamped at the edges), rounded.</para>
/// <para>Rounding is to nearest with ties to even everywhere (OpenCV's <c>saturate_cast</c>); OpenCV computes steps (3)
/// and (4) in float, so its output can differ by 1 where the exact value is a tie (x.5). Nothing here depends on the CPU:
/// only integer operations, and one double multiplication and division for the clip count.</para>
/// </remarks>
public static class ClaheEqualizer
{
    private const int Bins = 256;

    /// <summary>Writes the CLAHE result of <paramref name="source"/> into <paramref name="destination"/>.</summary>
    /// <param name="source">Row-major 8-bit pixels, <c>width × height</c>.</param>
    /// <param name="destination">Same size as <paramref name="source"/>, not the same memory.</param>
    /// <param name="width">Image width in pixels.</param>
    /// <param name="height">Image height in pixels.</param>
    /// <param name="clipLimit">Clip limit in OpenCV's convention: a bin may hold at most this multiple of the uniform bin
    /// height (2 = twice the count of a flat histogram); finite, in (0, 256].</param>
    /// <param name="grid">Tiles per side, at least 1; each tile at least 2 pixels on each side
    /// (<c>2 · grid ≤ min(width, height)</c>).</param>
    /// <exception cref="ArgumentException">A span does not hold <c>width × height</c> pixels, or the parameters are out
    /// of range.</exception>
    public static void Equalize(ReadOnlySpan<byte> source, Span<byte> destination, int width, int height, double clipLimit, int grid)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (source.Length != (long)width * height || destination.Length != source.Length)
        {
            throw new ArgumentException(
                $"A {width} × {height} image needs {(long)width * height} pixels in the source and the destination; they hold {source.Length} and {destination.Length}.",
                nameof(destination));
        }

        ContrastStep.CheckClaheParameters(clipLimit, grid);
        if (2 * grid > Math.Min(width, height))
        {
            throw new ArgumentException(
                $"A {grid} × {grid} tile grid needs an image of at least {2 * grid} pixels on each side (tiles of 2 pixels or more); this one is {width} × {height}.",
                nameof(grid));
        }

        // OpenCV extends both axes as soon as either is not a multiple of the grid.
        var extend = width % grid != 0 || height % grid != 0;
        var tileWidth = extend ? (width + grid - (width % grid)) / grid : width / grid;
        var tileHeight = extend ? (height + grid - (height % grid)) / grid : height / grid;
        var area = tileWidth * tileHeight;
        var clip = Math.Max(1, (int)(clipLimit * area / Bins));
        var luts = new byte[grid * grid * Bins];
        var columns = MirrorMap(width, tileWidth * grid);
        var rows = MirrorMap(height, tileHeight * grid);
        Span<int> histogram = stackalloc int[Bins];
        for (var ty = 0; ty < grid; ty++)
        {
            for (var tx = 0; tx < grid; tx++)
            {
                histogram.Clear();
                for (var y = ty * tileHeight; y < (ty + 1) * tileHeight; y++)
                {
                    var row = source.Slice(rows[y] * width, width);
                    for (var x = tx * tileWidth; x < (tx + 1) * tileWidth; x++)
                    {
                        histogram[row[columns[x]]]++;
                    }
                }

                BuildMapping(histogram, clip, area, luts.AsSpan(((ty * grid) + tx) * Bins, Bins));
            }
        }

        Interpolate(source, destination, width, height, luts, grid, tileWidth, tileHeight);
    }

    /// <summary>Clips <paramref name="histogram"/> at <paramref name="clip"/>, spreads the excess back (OpenCV's order) and
    /// writes <c>round(255 · cdf / area)</c>.</summary>
    private static void BuildMapping(Span<int> histogram, int clip, int area, Span<byte> lut)
    {
        var excess = 0;
        for (var i = 0; i < Bins; i++)
        {
            excess += Math.Max(0, histogram[i] - clip);
            histogram[i] = Math.Min(histogram[i], clip);
        }

        var everyBin = excess / Bins;
        var rest = excess - (everyBin * Bins);
        for (var i = 0; i < Bins; i++)
        {
            histogram[i] += everyBin;
        }

        if (rest != 0)
        {
            var step = Math.Max(Bins / rest, 1);
            for (var i = 0; i < Bins && rest > 0; i += step, rest--)
            {
                histogram[i]++;
            }
        }

        // Every cdf value is at most the tile's pixel count, so cdf · 255 fits 32 bits whenever area · 255 does.
        long sum = 0;
        if ((long)area * 255 <= uint.MaxValue)
        {
            var exact = new ExactDivisor((uint)area);
            for (var i = 0; i < Bins; i++)
            {
                sum += histogram[i];
                lut[i] = (byte)Math.Min(255u, exact.HalfToEven((uint)(sum * 255)));
            }

            return;
        }

        for (var i = 0; i < Bins; i++)
        {
            sum += histogram[i];
            lut[i] = (byte)Math.Min(255, ExactRounding.HalfToEven(sum * 255, area));
        }
    }

    // Pixel x sits at tile coordinate x / tw − ½ = (2x − tw) / (2 tw): its left tile is the floor of that, and its weight
    // on the right tile is the remainder over 2 tw. Both axes together: a denominator of 4 tw th.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Interpolate(
        ReadOnlySpan<byte> source, Span<byte> destination, int width, int height, byte[] luts, int grid, int tileWidth, int tileHeight)
    {
        var left = new int[width];
        var right = new int[width];
        var toRight = new int[width];
        for (var x = 0; x < width; x++)
        {
            (left[x], right[x], toRight[x]) = Neighbours(x, tileWidth, grid);
        }

        long twiceWidth = 2 * tileWidth;
        long denominator = 4L * tileWidth * tileHeight;
        // A pixel's numerator is at most 255 · denominator: it fits an int (and the reciprocal applies) for tiles up to
        // about 1,450 × 1,450 pixels, i.e. every grid at the model sizes in use; larger tiles take the 64-bit division.
        if (denominator * 255 <= int.MaxValue)
        {
            Interpolate32(source, destination, width, height, luts, grid, tileWidth, tileHeight, left, right, toRight);
            return;
        }

        for (var y = 0; y < height; y++)
        {
            var (top, bottom, toBottom) = Neighbours(y, tileHeight, grid);
            long toTop = (2 * tileHeight) - toBottom;
            var topRow = top * grid * Bins;
            var bottomRow = bottom * grid * Bins;
            var src = source.Slice(y * width, width);
            var dst = destination.Slice(y * width, width);
            for (var x = 0; x < width; x++)
            {
                int v = src[x];
                long wr = toRight[x];
                var wl = twiceWidth - wr;
                var l = (left[x] * Bins) + v;
                var r = (right[x] * Bins) + v;
                var upper = (luts[topRow + l] * wl) + (luts[topRow + r] * wr);
                var lower = (luts[bottomRow + l] * wl) + (luts[bottomRow + r] * wr);
                dst[x] = (byte)ExactRounding.HalfToEven((upper * toTop) + (lower * toBottom), denominator);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Interpolate32(
        ReadOnlySpan<byte> source, Span<byte> destination, int width, int height, byte[] luts, int grid, int tileWidth, int tileHeight,
        int[] left, int[] right, int[] toRight)
    {
        var twiceWidth = 2 * tileWidth;
        var exact = new ExactDivisor((uint)(4 * tileWidth * tileHeight));
        for (var y = 0; y < height; y++)
        {
            var (top, bottom, toBottom) = Neighbours(y, tileHeight, grid);
            var toTop = (2 * tileHeight) - toBottom;
            var topRow = luts.AsSpan(top * grid * Bins, grid * Bins);
            var bottomRow = luts.AsSpan(bottom * grid * Bins, grid * Bins);
            var src = source.Slice(y * width, width);
            var dst = destination.Slice(y * width, width);
            for (var x = 0; x < width; x++)
            {
                int v = src[x];
                var wr = toRight[x];
                var wl = twiceWidth - wr;
                var l = (left[x] * Bins) + v;
                var r = (right[x] * Bins) + v;
                var upper = (topRow[l] * wl) + (topRow[r] * wr);
                var lower = (bottomRow[l] * wl) + (bottomRow[r] * wr);
                dst[x] = (byte)exact.HalfToEven((uint)((upper * toTop) + (lower * toBottom)));
            }
        }
    }

    /// <summary>The two tiles pixel <paramref name="p"/> blends along one axis (clamped to the grid) and its weight on the
    /// second, in units of <c>1 / (2 · tile)</c>.</summary>
    private static (int First, int Second, int WeightOnSecond) Neighbours(int p, int tile, int grid)
    {
        // offset ≥ −tile > −2 · tile, so the floor of offset / (2 · tile) is −1 exactly when offset is negative.
        var offset = (2 * p) - tile;
        var first = offset < 0 ? -1 : offset / (2 * tile);
        var weight = offset - (first * 2 * tile);
        return (Math.Max(first, 0), Math.Min(first + 1, grid - 1), weight);
    }

    /// <summary>For each index of an axis extended from <paramref name="length"/> to <paramref name="extended"/> pixels,
    /// the source index it reads: itself inside, mirrored about the last pixel beyond (<c>n − 2 − k</c> for the k-th
    /// pixel past the end).</summary>
    private static int[] MirrorMap(int length, int extended)
    {
        var map = new int[extended];
        for (var i = 0; i < extended; i++)
        {
            map[i] = i < length ? i : (2 * (length - 1)) - i;
        }

        return map;
    }
}
