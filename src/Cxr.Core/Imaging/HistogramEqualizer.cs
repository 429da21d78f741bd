namespace Cxr.Core.Imaging;

/// <summary>
/// Global histogram equalisation of an 8-bit image, the recipe of OpenCV's <c>cv::equalizeHist</c> in exact integer
/// arithmetic: with <c>h</c> the histogram, <c>cdf(v) = h[0] + … + h[v]</c>, <c>m</c> the darkest value present and
/// <c>N</c> the pixel count, value <c>v</c> becomes <c>round(255 · (cdf(v) − h[m]) / (N − h[m]))</c>, ties to even. So the
/// darkest value becomes 0, the brightest 255, and each value lands where its share of the pixels puts it.
/// </summary>
/// <remarks>An image of one value is returned unchanged (there is nothing to spread; OpenCV does the same). The mapping is
/// a function of the histogram only, so it does not depend on where the pixels are (rotating or flipping the image and
/// equalising gives the same as equalising and rotating). OpenCV computes the same formula in float; it can differ by 1
/// only where the exact value is a tie (x.5).</remarks>
public static class HistogramEqualizer
{
    /// <summary>Writes the equalised <paramref name="source"/> into <paramref name="destination"/> (same length, at least
    /// one pixel; they may be the same memory).</summary>
    /// <exception cref="ArgumentException">The spans are empty or differ in length.</exception>
    public static void Equalize(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (source.IsEmpty || destination.Length != source.Length)
        {
            throw new ArgumentException(
                $"The source and destination must hold the same positive number of pixels; they hold {source.Length} and {destination.Length}.",
                nameof(destination));
        }

        Span<int> histogram = stackalloc int[256];
        histogram.Clear();
        foreach (var p in source)
        {
            histogram[p]++;
        }

        var darkest = 0;
        while (histogram[darkest] == 0)
        {
            darkest++;
        }

        var total = source.Length;
        if (histogram[darkest] == total)
        {
            source.CopyTo(destination);
            return;
        }

        Span<byte> lut = stackalloc byte[256];
        lut.Clear();
        long denominator = total - histogram[darkest];
        long above = 0;
        for (var v = darkest + 1; v < 256; v++)
        {
            above += histogram[v];
            lut[v] = (byte)ExactRounding.HalfToEven(above * 255, denominator);
        }

        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = lut[source[i]];
        }
    }
}
