namespace Cxr.Core.Imaging;

/// <summary>Division of 32-bit unsigned integers by one fixed divisor, rounded half to even, by multiplying with a
/// precomputed 64-bit reciprocal instead of dividing (a hardware division costs tens of cycles; this is a few).</summary>
/// <remarks>Exact for every numerator and divisor below 2^32: <c>⌊n / d⌋ = ⌊M · n / 2^64⌋</c> with
/// <c>M = ⌊(2^64 − 1) / d⌋ + 1</c> for <c>d ≥ 2</c> (Lemire, Kaser and Kurz, "Faster remainder by direct computation", 2019; the same
/// trick as .NET's <c>HashHelpers.FastMod</c>). Integer operations only, so the same on every CPU.</remarks>
internal readonly struct ExactDivisor
{
    private readonly ulong reciprocal;
    private readonly uint divisor;

    /// <param name="divisor">At least 1.</param>
    public ExactDivisor(uint divisor)
    {
        ArgumentOutOfRangeException.ThrowIfZero(divisor);
        this.divisor = divisor;
        // For 1 the reciprocal would be 2^64 (0 in 64 bits); HalfToEven handles that divisor on its own.
        reciprocal = divisor == 1 ? 0 : (ulong.MaxValue / divisor) + 1;
    }

    /// <summary><c>numerator / divisor</c> rounded half to even.</summary>
    public uint HalfToEven(uint numerator)
    {
        if (divisor == 1)
        {
            return numerator;
        }

        var quotient = (uint)Math.BigMul(reciprocal, numerator, out _);
        var twice = 2L * (numerator - (quotient * divisor));
        // Round up when twice the remainder exceeds the divisor, or equals it and the quotient is odd: exactly when
        // twice + (quotient & 1) > divisor. Computed without a branch (the sign bit of the difference), because which
        // way a pixel rounds is as good as random and a mispredicted branch would cost more than the division.
        return quotient + (uint)((ulong)(divisor - (twice + (quotient & 1))) >> 63);
    }
}
