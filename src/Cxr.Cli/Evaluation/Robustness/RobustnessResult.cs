using Cxr.Core.Evaluation;

namespace Cxr.Cli.Evaluation.Robustness;

/// <summary>The robustness table of one <c>cxr evaluate --robustness</c>.</summary>
/// <param name="Threshold">The decision threshold every row uses (the evaluation's).</param>
/// <param name="Baseline">The unperturbed films' metrics at that threshold (the evaluation's own).</param>
/// <param name="Outcomes">One row per perturbation, in catalogue order.</param>
/// <param name="Seconds">Wall time of the robustness pass.</param>
internal sealed record RobustnessResult(double Threshold, BinaryMetrics Baseline, IReadOnlyList<PerturbationOutcome> Outcomes, double Seconds)
{
    /// <summary>The largest change of sensitivity or specificity over all rows, in points (×100), as a quick summary.</summary>
    public double WorstChangePoints => Outcomes.Count == 0
        ? 0
        : Outcomes.Max(o => Math.Max(Math.Abs(Finite(o.DeltaSensitivity)), Math.Abs(Finite(o.DeltaSpecificity)))) * 100;

    private static double Finite(double value) => double.IsFinite(value) ? value : 0;
}
