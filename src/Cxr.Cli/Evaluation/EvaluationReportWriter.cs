using System.Globalization;
using System.Text;
using Cxr.Cli.Evaluation.Robustness;
using Cxr.Core.Evaluation;
using Cxr.Core.Text;

namespace Cxr.Cli.Evaluation;

/// <summary>Writes <c>report.md</c>: what was evaluated, the metrics with their 95% intervals, the confusion matrix,
/// subtypes, the figures, the robustness table (with <c>--robustness</c>) and the most confident mistakes.</summary>
internal static class EvaluationReportWriter
{
    private const int ListedMistakes = 25;

    /// <summary>Display names of the metrics, in <see cref="BootstrapIntervals.MetricNames"/> order.</summary>
    public static IReadOnlyList<(string Key, string Name, Func<BinaryMetrics, double> Value)> Rows { get; } =
    [
        ("accuracy", "accuracy", m => m.Accuracy),
        ("precision", "precision (PPV)", m => m.Precision),
        ("sensitivity", "sensitivity (recall)", m => m.Sensitivity),
        ("specificity", "specificity", m => m.Specificity),
        ("f1", "F1", m => m.F1),
        ("auc", "ROC AUC", m => m.Auc),
        ("averagePrecision", "average precision", m => m.AveragePrecision),
        ("brier", "Brier score (lower is better)", m => m.Brier),
        ("ece", "ECE, 10 bins (lower is better)", m => m.Ece),
    ];

    public static string ToMarkdown(EvaluationResult result)
    {
        var m = result.Metrics;
        var model = result.Model;
        var text = new StringBuilder();
        text.AppendLine(Inv($"# Evaluation of {model.Name} {model.Version} on {result.Set.Split}"));
        text.AppendLine();
        text.AppendLine(Disclaimer.Statement);
        text.AppendLine();
        text.AppendLine(Inv($"- Model: `{model.Source}` ({model.Architecture}, sha256 `{model.Sha256[..16]}…`)"));
        text.AppendLine(Inv($"- Data: `{result.Set.Source}`, split `{result.Set.Split}`: {m.N} images ({result.Labels.Count(l => l == 1)} PNEUMONIA, {result.Labels.Count(l => l == 0)} NORMAL)"));
        var origin = Math.Abs(m.Threshold - model.Threshold) < 1e-12 ? $"the model's stored threshold, {model.ThresholdPolicy}" : "given with --threshold";
        text.AppendLine(Inv($"- Threshold: {m.Threshold:0.0000} ({origin}); PNEUMONIA when P(pneumonia) ≥ threshold"));
        text.AppendLine(Inv($"- Intervals: 95% percentile bootstrap, {result.BootstrapIterations} resamples of patients (seed {result.BootstrapSeed})"));
        text.AppendLine(Inv($"- Time: {result.SecondsPerImage * 1000:0.0} ms per image (decode, preprocess, inference)"));
        var refused = result.GuardRefusals.Values.Sum();
        text.AppendLine(Inv($"- Input guard: would refuse {refused} of {m.N} images as not chest X-rays{(refused == 0 ? "" : " (" + string.Join(", ", result.GuardRefusals.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key} {r.Value}")) + ")")}; they are scored all the same"));
        text.AppendLine();
        text.AppendLine("## Metrics");
        text.AppendLine();
        text.AppendLine("| metric | value | 95% CI |");
        text.AppendLine("|---|---:|---:|");
        foreach (var (key, name, value) in Rows)
        {
            var ci = result.Intervals[key];
            text.AppendLine(Inv($"| {name} | {F(value(m))} | {F(ci.Lower)} – {F(ci.Upper)} |"));
        }

        text.AppendLine();
        text.AppendLine("## Confusion matrix");
        text.AppendLine();
        text.AppendLine("| actual \\ predicted | NORMAL | PNEUMONIA |");
        text.AppendLine("|---|---:|---:|");
        text.AppendLine(Inv($"| NORMAL | {m.Tn} (TN) | {m.Fp} (FP) |"));
        text.AppendLine(Inv($"| PNEUMONIA | {m.Fn} (FN) | {m.Tp} (TP) |"));
        text.AppendLine();
        text.AppendLine("## Sensitivity by pneumonia subtype");
        text.AppendLine();
        text.AppendLine("| subtype | images | called PNEUMONIA | sensitivity |");
        text.AppendLine("|---|---:|---:|---:|");
        foreach (var s in result.Subtypes)
        {
            text.AppendLine(Inv($"| {s.Subtype} | {s.N} | {s.Detected} | {F(s.Sensitivity)} |"));
        }

        text.AppendLine();
        text.AppendLine("## Figures");
        text.AppendLine();
        foreach (var plot in EvaluationFiles.Plots)
        {
            text.AppendLine($"![{Path.GetFileNameWithoutExtension(plot).Replace('_', ' ')}]({plot})");
            text.AppendLine();
        }

        if (result.Robustness is { } robustness)
        {
            AppendRobustness(text, robustness);
        }

        text.AppendLine(Inv($"## Misclassified ({result.Misclassified.Count})"));
        text.AppendLine();
        if (result.Misclassified.Count == 0)
        {
            text.AppendLine("None.");
        }
        else
        {
            text.AppendLine("Most confident mistakes first; `metrics.json` lists all.");
            text.AppendLine();
            text.AppendLine("| file | true label | P(pneumonia) |");
            text.AppendLine("|---|---|---:|");
            foreach (var x in result.Misclassified.Take(ListedMistakes))
            {
                text.AppendLine(Inv($"| `{x.File}` | {x.Label} | {x.Probability:0.000} |"));
            }
        }

        return text.ToString();
    }

    private static void AppendRobustness(StringBuilder text, RobustnessResult r)
    {
        text.AppendLine("## Robustness to acquisition changes");
        text.AppendLine();
        text.AppendLine(Inv($"Every film again under each change (applied to the decoded film before the resize; docs/evaluation/robustness.md), at threshold {r.Threshold:0.0000}; Δ is against the films as they are, in points for the rates; flips are decisions that changed (→ PNEUMONIA / → NORMAL). {r.Seconds:0} s."));
        text.AppendLine();
        // "mean |Δp|" holds pipes, which would split a Markdown cell.
        text.AppendLine("| " + string.Join(" | ", RobustnessText.Headers.Select(h => h.Replace("|", "\\|", StringComparison.Ordinal))) + " |");
        text.AppendLine("|" + string.Join("|", RobustnessText.Headers.Select((_, i) => RobustnessText.IsNumeric(i) ? "---:" : "---")) + "|");
        text.AppendLine("| " + string.Join(" | ", RobustnessText.Baseline(r)) + " |");
        foreach (var o in r.Outcomes)
        {
            var row = RobustnessText.Row(o).ToArray();
            row[0] = $"`{row[0]}`";
            text.AppendLine("| " + string.Join(" | ", row) + " |");
        }

        text.AppendLine();
        text.AppendLine("What each change is:");
        text.AppendLine();
        foreach (var o in r.Outcomes)
        {
            text.AppendLine($"- `{o.Name}`: {o.Description}");
        }

        text.AppendLine();
        text.AppendLine($"![robustness]({EvaluationFiles.Robustness})");
        text.AppendLine();
    }

    public static string F(double value) => double.IsFinite(value) ? value.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
