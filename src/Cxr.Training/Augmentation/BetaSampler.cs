namespace Cxr.Training.Augmentation;

/// <summary>
/// Beta and Gamma variates from a seeded <see cref="Random"/> (the training run's stream, as the
/// <see cref="AugmentationSampler"/> draws), never from libtorch's global generator: X ~ Gamma(a), Y ~ Gamma(b) gives
/// X / (X + Y) ~ Beta(a, b). Gamma draws use Marsaglia and Tsang's (2000) squeeze method, boosted for shapes below 1
/// by Gamma(a) = Gamma(a + 1)·U^(1/a). They are rejection samplers, so the count of values consumed varies from draw to
/// draw: a resumed run replays them by drawing, not by counting.
/// </summary>
public static class BetaSampler
{
    /// <summary>A Beta(<paramref name="a"/>, <paramref name="b"/>) variate in [0, 1].</summary>
    /// <exception cref="ArgumentOutOfRangeException">A shape is not positive and finite.</exception>
    public static double Beta(Random random, double a, double b)
    {
        // In logs, so that for small shapes (U^(1/a) underflows to 0 below a ≈ 0.01) the ratio stays defined.
        var logX = LogGamma(random, a);
        var logY = LogGamma(random, b);
        return 1 / (1 + Math.Exp(logY - logX));
    }

    /// <summary>The natural logarithm of a Gamma(<paramref name="shape"/>, 1) variate (mean = variance = shape).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The shape is not positive and finite.</exception>
    public static double LogGamma(Random random, double shape)
    {
        if (!(shape > 0) || !double.IsFinite(shape))
        {
            throw new ArgumentOutOfRangeException(nameof(shape), shape, "A Gamma shape must be positive and finite.");
        }

        if (shape >= 1)
        {
            return Math.Log(MarsagliaTsang(random, shape));
        }

        // 1 − NextDouble() lies in (0, 1], so its logarithm is finite.
        return Math.Log(MarsagliaTsang(random, shape + 1)) + (Math.Log(1 - random.NextDouble()) / shape);
    }

    /// <summary>A standard normal variate (Box–Muller, cosine branch; consumes two values).</summary>
    public static double StandardNormal(Random random)
    {
        var radius = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble()));
        return radius * Math.Cos(2 * Math.PI * random.NextDouble());
    }

    /// <summary>A Gamma(<paramref name="shape"/>, 1) variate for shape ≥ 1; always positive.</summary>
    private static double MarsagliaTsang(Random random, double shape)
    {
        var d = shape - (1.0 / 3);
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            var x = StandardNormal(random);
            var v = 1 + (c * x);
            if (v <= 0)
            {
                continue;
            }

            v = v * v * v;
            var u = 1 - random.NextDouble();
            if (Math.Log(u) < (0.5 * x * x) + d - (d * v) + (d * Math.Log(v)))
            {
                return d * v;
            }
        }
    }
}
