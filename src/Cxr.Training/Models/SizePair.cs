namespace Cxr.Training.Models;

/// <summary>TorchSharp stores a layer's kernel size, stride, padding and dilation as arrays of one value, two, or none;
/// this reads them as a (height, width) pair.</summary>
internal static class SizePair
{
    /// <summary>The (height, width) pair of <paramref name="values"/>; <paramref name="fallback"/> twice when it is
    /// empty.</summary>
    public static long[] Of(long[]? values, long fallback) => values switch
    {
        null or [] => [fallback, fallback],
        [var v] => [v, v],
        _ => [values[0], values[1]],
    };
}
