namespace Cxr.Core.Tests.Evaluation;

/// <summary>Seeded synthetic labels and scores for property-style checks.</summary>
internal static class SyntheticScores
{
    public static double Sigmoid(double z) => 1.0 / (1.0 + Math.Exp(-z));

    public static double Gaussian(Random rng)
    {
        // Box–Muller; 1 - NextDouble() is in (0, 1], so the log is finite.
        var u1 = 1.0 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>
    /// Logits z ~ N(0, spread²) and labels ~ Bernoulli(sigmoid(z / trueTemperature)): a model whose logits are too
    /// sharp by exactly that temperature.
    /// </summary>
    public static (int[] Labels, double[] Logits) TemperedLogits(int count, double trueTemperature, int seed, double spread = 4.0)
    {
        var rng = new Random(seed);
        var labels = new int[count];
        var logits = new double[count];
        for (var i = 0; i < count; i++)
        {
            logits[i] = spread * Gaussian(rng);
            labels[i] = rng.NextDouble() < Sigmoid(logits[i] / trueTemperature) ? 1 : 0;
        }

        return (labels, logits);
    }

    /// <summary>Probabilities rounded to <paramref name="decimals"/> places (to create ties) for a moderately good model.</summary>
    public static (int[] Labels, double[] Probabilities) Probabilities(int count, int seed, int decimals = 2)
    {
        var (labels, logits) = TemperedLogits(count, 1.0, seed, spread: 2.0);
        var probabilities = logits.Select(z => Math.Round(Sigmoid(z), decimals)).ToArray();
        return (labels, probabilities);
    }
}
