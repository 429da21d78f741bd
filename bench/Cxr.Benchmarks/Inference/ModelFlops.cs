using Cxr.Training.Models;

namespace Cxr.Benchmarks.Inference;

/// <summary>Floating-point operations of one CxrNet forward pass, counted analytically from its options: 2 × the
/// multiply-adds of every convolution (batch norm is folded into them in the ONNX graph), of the class-map 1×1
/// convolution and of the classifier. Pooling, ReLU and the per-image standardisation are memory-bound extras of well
/// under 1 % and are not counted.</summary>
public static class ModelFlops
{
    public static long PerImage(CxrNetOptions options)
    {
        long macs = 0;
        var side = ((options.InputSize + 2 - 3) / 2) + 1; // stem: 3×3, stride 2, padding 1
        macs += (long)side * side * options.StemWidth * 1 * 9;
        var channels = options.StemWidth;
        var widths = options.BlockWidths;
        for (var b = 0; b < widths.Count; b++)
        {
            for (var c = 0; c < options.ConvsPerBlock; c++)
            {
                macs += (long)side * side * widths[b] * channels * 9;
                channels = widths[b];
            }

            if (b < widths.Count - 1)
            {
                side /= 2; // 2×2 max-pool
            }
        }

        macs += (long)side * side * channels; // class map: 1×1 conv to one channel
        macs += channels; // classifier on the pooled features
        return 2 * macs;
    }
}
