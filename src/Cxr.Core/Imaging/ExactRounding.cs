namespace Cxr.Core.Imaging;

/// <summary>Integer division rounded to the nearest integer, ties to even: the exact value of a rational number rounded
/// the way OpenCV's <c>saturate_cast</c> rounds a float, with no floating-point error anywhere.</summary>
internal static class ExactRounding
{
    /// <summary><c>numerator / denominator</c> rounded half to even, for <c>numerator ≥ 0</c> and
    /// <c>denominator ≥ 1</c>.</summary>
    public static long HalfToEven(long numerator, long denominator)
    {
        var quotient = Math.DivRem(numerator, denominator, out var remainder);
        var twice = 2 * remainder;
        return twice > denominator || (twice == denominator && (quotient & 1) == 1) ? quotient + 1 : quotient;
    }
}
