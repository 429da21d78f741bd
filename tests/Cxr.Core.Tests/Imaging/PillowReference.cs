namespace Cxr.Core.Tests.Imaging;

/// <summary>
/// A deliberately plain transcription of Pillow's Resample.c for 8-bit images with the BILINEAR filter
/// (precompute_coeffs, normalize_coeffs_8bpc, horizontal then vertical pass, clip8), kept separate from the production
/// code so the optimized paths are checked against something simple.
/// </summary>
internal static class PillowReference
{
    private const int PrecisionBits = 22;

    public static byte[] Resize(byte[] src, int w, int h, int dw, int dh)
    {
        var temp = dw == w ? src : Pass(src, w, h, dw, horizontal: true);
        return dh == h ? (byte[])temp.Clone() : Pass(temp, dw, h, dh, horizontal: false);
    }

    private static byte[] Pass(byte[] src, int w, int h, int outSize, bool horizontal)
    {
        var inSize = horizontal ? w : h;
        var (bounds, kk) = Coefficients(inSize, outSize);
        var ow = horizontal ? outSize : w;
        var oh = horizontal ? h : outSize;
        var dst = new byte[ow * oh];
        for (var y = 0; y < oh; y++)
        {
            for (var x = 0; x < ow; x++)
            {
                var o = horizontal ? x : y;
                var (min, count) = bounds[o];
                var ss = 1 << (PrecisionBits - 1);
                for (var i = 0; i < count; i++)
                {
                    var pixel = horizontal ? src[(y * w) + min + i] : src[((min + i) * w) + x];
                    ss += pixel * kk[o][i];
                }

                dst[(y * ow) + x] = ss <= 0 ? (byte)0 : ss >= (1 << PrecisionBits << 8) ? (byte)255 : (byte)(ss >> PrecisionBits);
            }
        }

        return dst;
    }

    private static ((int Min, int Count)[] Bounds, int[][] Weights) Coefficients(int inSize, int outSize)
    {
        double scale = (double)inSize / outSize, filterscale = scale < 1.0 ? 1.0 : scale;
        var support = filterscale;
        var bounds = new (int, int)[outSize];
        var weights = new int[outSize][];
        for (var xx = 0; xx < outSize; xx++)
        {
            var center = (xx + 0.5) * scale;
            var ss = 1.0 / filterscale;
            var xmin = (int)(center - support + 0.5);
            if (xmin < 0)
            {
                xmin = 0;
            }

            var xmax = (int)(center + support + 0.5);
            if (xmax > inSize)
            {
                xmax = inSize;
            }

            xmax -= xmin;
            var k = new double[xmax];
            double ww = 0;
            for (var x = 0; x < xmax; x++)
            {
                var t = Math.Abs((x + xmin - center + 0.5) * ss);
                k[x] = t < 1.0 ? 1.0 - t : 0.0;
                ww += k[x];
            }

            weights[xx] = k.Select(v => ww != 0.0 ? v / ww : v)
                .Select(v => v < 0 ? (int)(-0.5 + (v * (1 << PrecisionBits))) : (int)(0.5 + (v * (1 << PrecisionBits))))
                .ToArray();
            bounds[xx] = (xmin, xmax);
        }

        return (bounds, weights);
    }
}
