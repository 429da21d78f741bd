using System.Globalization;

namespace Cxr.Cli.Evaluation.Robustness;

/// <summary>How the robustness table writes its numbers, the same on the console and in <c>report.md</c>: AUC to three
/// decimals, sensitivity and specificity in percent, their changes in percentage points, flips as "n (→P a, →N b)".</summary>
internal static class RobustnessText
{
    /// <summary>Column headers, in row order (see <see cref="Row"/>).</summary>
    public static IReadOnlyList<string> Headers { get; } =
        ["perturbation", "AUC", "ΔAUC", "sensitivity", "Δ pts", "specificity", "Δ pts", "mean |Δp|", "flips (→P / →N)"];

    /// <summary>The unperturbed row.</summary>
    public static IReadOnlyList<string> Baseline(RobustnessResult result) =>
        ["none (films as they are)", Fixed(result.Baseline.Auc), "", Percent(result.Baseline.Sensitivity), "", Percent(result.Baseline.Specificity), "", "", ""];

    /// <summary>One perturbation's row.</summary>
    public static IReadOnlyList<string> Row(PerturbationOutcome o) =>
    [
        o.Name,
        Fixed(o.Auc),
        Signed(o.DeltaAuc, "0.000"),
        Percent(o.Sensitivity),
        Signed(o.DeltaSensitivity * 100, "0.0"),
        Percent(o.Specificity),
        Signed(o.DeltaSpecificity * 100, "0.0"),
        Fixed(o.MeanAbsDeltaProbability),
        $"{o.Flipped} ({o.FlippedToPneumonia} / {o.FlippedToNormal})",
    ];

    /// <summary>Numeric columns (right-aligned).</summary>
    public static bool IsNumeric(int column) => column > 0;

    private static string Fixed(double value) => EvaluationReportWriter.F(value);

    private static string Percent(double value) =>
        double.IsFinite(value) ? (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %" : "n/a";

    // A minus sign, not a hyphen, so that "−1.5" and "+1.5" line up and read as numbers; 0 has no sign.
    private static string Signed(double value, string format)
    {
        if (!double.IsFinite(value))
        {
            return "n/a";
        }

        var text = Math.Abs(value).ToString(format, CultureInfo.InvariantCulture);
        return text.Trim('0', '.').Length == 0 ? text : (value < 0 ? "−" : "+") + text;
    }
}
