using Cxr.Core.Imaging;

namespace Cxr.Core.Tests.Imaging;

public class ExactDivisorTests
{
    [Theory]
    [InlineData(1u)]
    [InlineData(2u)]
    [InlineData(3u)]
    [InlineData(784u)]
    [InlineData(3136u)]
    [InlineData(1_000_003u)]
    [InlineData(uint.MaxValue)]
    public void Rounds_exactly_like_the_long_division(uint divisor)
    {
        var exact = new ExactDivisor(divisor);
        var random = new Random((int)(divisor % int.MaxValue));
        var numerators = new List<uint> { 0, 1, divisor / 2, divisor - 1, divisor, uint.MaxValue, uint.MaxValue - 1 };
        for (var k = 0u; k < 5; k++)
        {
            // Exact ties and their neighbours: (2k + 1) · d / 2 for even d.
            var tie = (((2UL * k) + 1) * divisor) / 2;
            if (tie < uint.MaxValue)
            {
                numerators.AddRange([(uint)tie, (uint)tie + 1, (uint)Math.Max(1, tie) - 1]);
            }
        }

        for (var i = 0; i < 2000; i++)
        {
            numerators.Add((uint)random.NextInt64(0, (long)uint.MaxValue + 1));
        }

        foreach (var n in numerators)
        {
            Assert.Equal(ExactRounding.HalfToEven(n, divisor), exact.HalfToEven(n));
        }
    }
}
