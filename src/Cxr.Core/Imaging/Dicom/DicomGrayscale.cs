using System.Buffers.Binary;

namespace Cxr.Core.Imaging.Dicom;

/// <summary>
/// The grayscale standard display chain of PS3.14 / PS3.3 C.11 for one monochrome frame, to 8-bit gray (0 = black,
/// 255 = white): stored value → modality LUT (Rescale Slope and Intercept) → VOI (the first Window Center/Width, LINEAR,
/// LINEAR_EXACT or SIGMOID per C.11.2.1.2; else the first VOI LUT Sequence item; else a percentile window) → the
/// inversion of MONOCHROME1 or Presentation LUT Shape INVERSE, applied once (see <see cref="DicomPixelModule.IsInverted"/>).
/// </summary>
/// <remarks>
/// <para>Determinism: the chain is evaluated once per possible stored value (at most 2^16), in scalar IEEE double
/// arithmetic, into a table; each pixel is then a table lookup. Nothing depends on the CPU's SIMD width; only SIGMOID
/// uses a library function (<see cref="Math.Exp"/>). Results are rounded half away from zero and clamped to 0 … 255.</para>
/// <para>Percentile window (no window and no VOI LUT in the file): the modality values at 0.5 % and 99.5 % of the
/// pixels, counted exactly from a histogram of stored values that leaves out the Pixel Padding Value (and the range up
/// to Pixel Padding Range Limit), mapped linearly to 0 … 255; a film whose values are all equal maps to 0. It ignores the
/// collimator padding and a few hot or dead pixels, which a min-max window would stretch to.</para>
/// </remarks>
internal static class DicomGrayscale
{
    /// <summary>The lower percentile of the fallback window, in tenths of a percent (0.5 %).</summary>
    public const int LowPerMille = 5;

    /// <summary>The upper percentile of the fallback window, in tenths of a percent (99.5 %).</summary>
    public const int HighPerMille = 995;

    private const int BandPixels = 1 << 20;

    /// <summary>Renders <paramref name="frame"/> (native little-endian samples, one per pixel, at least
    /// <c>Rows × Columns × BitsAllocated / 8</c> bytes) through the chain; <paramref name="pixels"/> has been checked
    /// (8 or 16 bits allocated, BitsStored and HighBit consistent, one sample).</summary>
    public static byte[] Render(ReadOnlySpan<byte> frame, DicomPixelModule pixels, CancellationToken cancellationToken)
    {
        var count = pixels.Rows * pixels.Columns;
        var bits = pixels.BitsStored;
        var shift = pixels.HighBit + 1 - bits;
        var mask = (1 << bits) - 1;
        var wide = pixels.BitsAllocated == 16;
        int[]? histogram = null;
        if (Window(pixels) is null && pixels.VoiLut is null)
        {
            histogram = new int[1 << bits];
            for (var start = 0; start < count; start += BandPixels)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var end = Math.Min(count, start + BandPixels);
                for (var i = start; i < end; i++)
                {
                    histogram[Index(frame, i, wide, shift, mask)]++;
                }
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        var table = Table(pixels, histogram);
        var gray = new byte[count];
        for (var start = 0; start < count; start += BandPixels)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var end = Math.Min(count, start + BandPixels);
            for (var i = start; i < end; i++)
            {
                gray[i] = table[Index(frame, i, wide, shift, mask)];
            }
        }

        return gray;
    }

    /// <summary>The 8-bit output for every stored value 0 … 2^BitsStored − 1 (as a bit pattern; negative values of
    /// signed data are the upper half). <paramref name="histogram"/> (counts per stored value) is needed only when the
    /// file gives neither a window nor a VOI LUT.</summary>
    internal static byte[] Table(DicomPixelModule pixels, int[]? histogram)
    {
        var size = 1 << pixels.BitsStored;
        var table = new byte[size];
        var window = Window(pixels);
        double low = 0, high = 0;
        if (window is null && pixels.VoiLut is null)
        {
            ArgumentNullException.ThrowIfNull(histogram);
            (low, high) = PercentileWindow(pixels, histogram);
        }

        for (var index = 0; index < size; index++)
        {
            var x = (StoredValue(index, pixels) * pixels.RescaleSlope) + pixels.RescaleIntercept;
            double y;
            if (window is { } w)
            {
                y = Voi(x, w.Center, w.Width, pixels.VoiLutFunction);
            }
            else if (pixels.VoiLut is { } lut)
            {
                y = Lookup(x, lut);
            }
            else
            {
                y = high > low ? (x - low) / (high - low) * 255 : x > low ? 255 : 0;
            }

            var level = (byte)Math.Clamp(Math.Round(y, MidpointRounding.AwayFromZero), 0, 255);
            table[index] = pixels.IsInverted ? (byte)(255 - level) : level;
        }

        return table;
    }

    /// <summary>The first window when it is usable for its function (LINEAR needs a width ≥ 1, the others &gt; 0).</summary>
    internal static (double Center, double Width)? Window(DicomPixelModule pixels) =>
        pixels is { WindowCenter: { } c, WindowWidth: { } w } && (w >= 1 || (w > 0 && pixels.VoiLutFunction != "LINEAR"))
            ? (c, w)
            : null;

    /// <summary>PS3.3 C.11.2.1.2.1 (LINEAR), C.11.2.1.3.2 (LINEAR_EXACT) and C.11.2.1.3.1 (SIGMOID) with an output range
    /// of 0 … 255.</summary>
    internal static double Voi(double x, double c, double w, string function)
    {
        switch (function)
        {
            case "SIGMOID":
                return 255 / (1 + Math.Exp(-4 * (x - c) / w));
            case "LINEAR_EXACT":
                return x <= c - (w / 2) ? 0 : x > c + (w / 2) ? 255 : (((x - c) / w) + 0.5) * 255;
            default:
                if (x <= c - 0.5 - ((w - 1) / 2))
                {
                    return 0;
                }

                return x > c - 0.5 + ((w - 1) / 2) ? 255 : ((((x - (c - 0.5)) / (w - 1)) + 0.5) * 255);
        }
    }

    // PS3.3 C.11.2.1.1: values below the first mapped go to the first entry, above the last to the last.
    private static double Lookup(double x, DicomVoiLut lut)
    {
        var entry = (long)Math.Round(x, MidpointRounding.AwayFromZero) - lut.FirstMapped;
        var value = lut.Entries[(int)Math.Clamp(entry, 0, lut.Entries.Count - 1)];
        return value * 255.0 / ((1 << lut.BitsPerEntry) - 1);
    }

    private static (double Low, double High) PercentileWindow(DicomPixelModule pixels, int[] histogram)
    {
        var size = histogram.Length;
        var counts = (int[])histogram.Clone();
        if (pixels.PixelPaddingValue is { } pad)
        {
            var a = Padding(pad, pixels);
            var b = pixels.PixelPaddingRangeLimit is { } limit ? Padding(limit, pixels) : a;
            var (from, to) = (Math.Min(a, b), Math.Max(a, b));
            long kept = 0;
            for (var index = 0; index < size; index++)
            {
                var v = StoredValue(index, pixels);
                if (v >= from && v <= to)
                {
                    counts[index] = 0;
                }

                kept += counts[index];
            }

            if (kept == 0)
            {
                // Nothing but padding: the padding is the film.
                counts = histogram;
            }
        }

        long total = 0;
        foreach (var n in counts)
        {
            total += n;
        }

        // Stored values in ascending order of modality value: signed data starts with its negative half; a negative
        // slope reverses the order.
        var half = pixels.IsSigned ? size / 2 : 0;
        var descending = pixels.RescaleSlope < 0;
        long cumulative = 0;
        int? low = null, high = null;
        for (var k = 0; k < size && high is null; k++)
        {
            var ascending = (k + half) % size;
            var index = descending ? (size - 1 - k + half) % size : ascending;
            cumulative += counts[index];
            if (low is null && cumulative * 1000 > total * LowPerMille)
            {
                low = index;
            }

            if (cumulative * 1000 >= total * HighPerMille && cumulative > 0)
            {
                high = index;
            }
        }

        double Modality(int index) => (StoredValue(index, pixels) * pixels.RescaleSlope) + pixels.RescaleIntercept;
        return low is { } l && high is { } h ? (Modality(l), Modality(h)) : (0, 0);
    }

    /// <summary>The stored value of a stored bit pattern: two's complement when the pixels are signed.</summary>
    private static int StoredValue(int index, DicomPixelModule pixels)
    {
        var size = 1 << pixels.BitsStored;
        return pixels.IsSigned && index >= size / 2 ? index - size : index;
    }

    // The padding value is an SS or US pixel value, not a bit pattern of BitsStored bits.
    private static int Padding(ushort raw, DicomPixelModule pixels) => pixels.IsSigned ? (short)raw : raw;

    private static int Index(ReadOnlySpan<byte> frame, int i, bool wide, int shift, int mask) =>
        ((wide ? BinaryPrimitives.ReadUInt16LittleEndian(frame[(2 * i)..]) : frame[i]) >> shift) & mask;
}
