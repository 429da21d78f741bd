using ScottPlot;

namespace Cxr.Cli.Evaluation.Robustness;

/// <summary><c>robustness.png</c>: per perturbation, how many points sensitivity and specificity moved at the threshold
/// (grouped horizontal bars, ±3 points marked), with the perturbed AUC in the row label.</summary>
internal static class RobustnessPlot
{
    // The acceptance band issue #12 sets for a default model: no perturbation moves either rate by more than 3 points.
    private const double BandPoints = 3;

    public static void Save(RobustnessResult result, string path)
    {
        using var plot = new Plot();
        var rows = result.Outcomes;
        var sensitivityColor = Colors.OrangeRed;
        var specificityColor = Colors.SteelBlue;
        var bars = new List<Bar>(rows.Count * 2);
        var positions = new double[rows.Count];
        var labels = new string[rows.Count];
        double extent = BandPoints + 2;
        for (var i = 0; i < rows.Count; i++)
        {
            var o = rows[i];
            // First row on top.
            var y = rows.Count - 1 - i;
            positions[i] = y;
            labels[i] = $"{o.Name}  AUC {EvaluationReportWriter.F(o.Auc)}";
            var sensitivity = Points(o.DeltaSensitivity);
            var specificity = Points(o.DeltaSpecificity);
            bars.Add(new Bar { Position = y + 0.19, Value = sensitivity, FillColor = sensitivityColor, Size = 0.36 });
            bars.Add(new Bar { Position = y - 0.19, Value = specificity, FillColor = specificityColor, Size = 0.36 });
            extent = Math.Max(extent, Math.Max(Math.Abs(sensitivity), Math.Abs(specificity)) + 1);
        }

        var series = plot.Add.Bars(bars);
        series.Horizontal = true;
        plot.Add.VerticalLine(0, 1, Colors.Black);
        plot.Add.VerticalLine(-BandPoints, 1, Colors.Gray, LinePattern.Dashed);
        plot.Add.VerticalLine(BandPoints, 1, Colors.Gray, LinePattern.Dashed);
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "Δ sensitivity", FillColor = sensitivityColor });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "Δ specificity", FillColor = specificityColor });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"±{BandPoints:0} points", LineColor = Colors.Gray, LinePattern = LinePattern.Dashed, LineWidth = 1 });
        // Below the axes, so that it never covers a bar.
        plot.ShowLegend(Edge.Bottom);
        plot.Axes.Left.SetTicks(positions, labels);
        plot.Axes.SetLimits(-extent, extent, -0.7, rows.Count - 0.3);
        plot.XLabel("change vs. the unperturbed films (percentage points)");
        var b = result.Baseline;
        plot.Title(
            $"Robustness at threshold {result.Threshold:0.000}\nunperturbed: sensitivity {b.Sensitivity * 100:0.0} %, " +
            $"specificity {b.Specificity * 100:0.0} %, AUC {EvaluationReportWriter.F(b.Auc)}");
        plot.Axes.Title.Label.FontSize = 15;
        plot.SavePng(path, 900, 190 + (30 * rows.Count));
    }

    private static double Points(double delta) => double.IsFinite(delta) ? delta * 100 : 0;
}
