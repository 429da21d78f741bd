using System.Globalization;

namespace Cxr.Core.Data;

/// <summary>
/// Relative sizes of train, validation and test. Any non-negative weights with a positive sum work (80/10/10 and
/// 0.8/0.1/0.1 mean the same); <see cref="Parse"/> takes percentages that sum to 100. A part may be 0 (e.g. 90,10,0).
/// </summary>
/// <param name="Train">Weight of the train split (≥ 0).</param>
/// <param name="Validation">Weight of the validation split (≥ 0).</param>
/// <param name="Test">Weight of the test split (≥ 0).</param>
public sealed record SplitRatios(double Train, double Validation, double Test)
{
    /// <summary>The message shown for unusable ratios.</summary>
    public const string Requirement = "ratios must be three non-negative numbers that sum to 100, e.g. 80,10,10";

    /// <summary>80/10/10.</summary>
    public static SplitRatios Default { get; } = new(80, 10, 10);

    /// <summary>
    /// Parses <c>"80,10,10"</c>: three comma-separated non-negative numbers (invariant culture, '.' for decimals,
    /// spaces allowed) summing to 100 (±0.01).
    /// </summary>
    /// <exception cref="DatasetException">The text is not of that form; the message quotes it.</exception>
    public static SplitRatios Parse(string text)
    {
        var parts = (text ?? string.Empty).Split(',');
        var values = new double[3];
        var ok = parts.Length == 3;
        for (var i = 0; ok && i < 3; i++)
        {
            ok = double.TryParse(parts[i].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out values[i])
                 && double.IsFinite(values[i]) && values[i] >= 0;
        }

        if (!ok || Math.Abs(values.Sum() - 100) > 0.01)
        {
            throw new DatasetException($"{Requirement} (got '{text}').");
        }

        return new SplitRatios(values[0], values[1], values[2]);
    }

    /// <summary>The three weights scaled to fractions summing to 1, in train, val, test order.</summary>
    /// <exception cref="DatasetException">A weight is negative or not finite, or all are 0.</exception>
    public IReadOnlyList<double> Normalized()
    {
        double[] w = [Train, Validation, Test];
        if (w.Any(x => !double.IsFinite(x) || x < 0) || w.Sum() <= 0)
        {
            throw new DatasetException($"{Requirement} (got {ToString()}).");
        }

        var sum = w.Sum();
        return w.Select(x => x / sum).ToArray();
    }

    /// <summary>As <c>80/10/10</c> (invariant culture).</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Train:0.##}/{Validation:0.##}/{Test:0.##}");
}
