using Cxr.Cli.Evaluation.Robustness;
using Cxr.Core.Contracts;
using Cxr.Core.Evaluation;
using ScottPlot;

namespace Cxr.Cli.Evaluation;

/// <summary>The four evaluation figures (ScottPlot, PNG): confusion matrix, ROC, precision–recall and reliability; and
/// the robustness figure (<see cref="RobustnessPlot"/>) when there is a robustness table.</summary>
internal static class EvaluationPlots
{
    private const int Width = 640;
    private const int Height = 520;

    public static void SaveAll(EvaluationResult result, string directory)
    {
        // ScottPlot's Plot is IDisposable (it renders through SkiaSharp): the four are disposed once their PNGs are written.
        using var confusion = ConfusionMatrix(result);
        confusion.SavePng(Path.Combine(directory, EvaluationFiles.ConfusionMatrix), 560, 500);
        using var roc = Roc(result);
        roc.SavePng(Path.Combine(directory, EvaluationFiles.Roc), Width, Height);
        using var precisionRecall = PrecisionRecall(result);
        precisionRecall.SavePng(Path.Combine(directory, EvaluationFiles.PrecisionRecall), Width, Height);
        using var calibration = Calibration(result);
        calibration.SavePng(Path.Combine(directory, EvaluationFiles.Calibration), Width, Height);
        if (result.Robustness is { } robustness)
        {
            RobustnessPlot.Save(robustness, Path.Combine(directory, EvaluationFiles.Robustness));
        }
    }

    /// <summary>Rows = actual, columns = predicted; each cell's shade is its share of its row (per-class recall).</summary>
    private static Plot ConfusionMatrix(EvaluationResult result)
    {
        var plot = new Plot();
        var matrix = result.Metrics.Counts.ToMatrix();
        string[] names = [.. ClassLabels.All];
        for (var actual = 0; actual < 2; actual++)
        {
            var rowTotal = matrix[actual, 0] + matrix[actual, 1];
            for (var predicted = 0; predicted < 2; predicted++)
            {
                var count = matrix[actual, predicted];
                var share = rowTotal == 0 ? 0 : count / (double)rowTotal;
                // Actual NORMAL on top: y = 1 - actual.
                var y = 1 - actual;
                var cell = plot.Add.Rectangle(predicted - 0.5, predicted + 0.5, y - 0.5, y + 0.5);
                cell.FillColor = Colors.Navy.WithAlpha(0.08 + (0.82 * share));
                cell.LineColor = Colors.White;
                var text = plot.Add.Text($"{count}\n{share:P1} of row", predicted, y);
                text.LabelFontSize = 22;
                text.LabelBold = true;
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontColor = share > 0.5 ? Colors.White : Colors.Black;
            }
        }

        plot.Axes.Bottom.SetTicks([0, 1], names);
        plot.Axes.Left.SetTicks([1, 0], names);
        plot.Axes.SetLimits(-0.5, 1.5, -0.5, 1.5);
        plot.XLabel("predicted");
        plot.YLabel("actual");
        plot.Title($"Confusion matrix at threshold {result.Metrics.Threshold:0.000} (n = {result.Metrics.N})");
        plot.Grid.IsVisible = false;
        return plot;
    }

    private static Plot Roc(EvaluationResult result)
    {
        var plot = new Plot();
        var curve = RocAnalysis.Curve(result.Labels, result.Probabilities);
        var line = plot.Add.ScatterLine(curve.Select(p => p.FalsePositiveRate).ToArray(), curve.Select(p => p.TruePositiveRate).ToArray());
        line.LineWidth = 2;
        line.LegendText = $"model (AUC {result.Metrics.Auc:0.000})";
        var chance = plot.Add.Line(0, 0, 1, 1);
        chance.LinePattern = LinePattern.Dashed;
        chance.LineColor = Colors.Gray;
        chance.LegendText = "chance";
        var m = result.Metrics;
        var point = plot.Add.Marker(1 - m.Specificity, m.Sensitivity, MarkerShape.FilledCircle, 12, Colors.Red);
        point.LegendText = $"threshold {m.Threshold:0.000}: sens {m.Sensitivity:0.000}, spec {m.Specificity:0.000}";
        plot.Axes.SetLimits(-0.02, 1.02, -0.02, 1.02);
        plot.XLabel("false positive rate (1 − specificity)");
        plot.YLabel("true positive rate (sensitivity)");
        plot.Title("ROC curve");
        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }

    private static Plot PrecisionRecall(EvaluationResult result)
    {
        var plot = new Plot();
        var curve = PrecisionRecallAnalysis.Curve(result.Labels, result.Probabilities);
        var line = plot.Add.ScatterLine(curve.Select(p => p.Recall).ToArray(), curve.Select(p => p.Precision).ToArray());
        line.LineWidth = 2;
        line.LegendText = $"model (AP {result.Metrics.AveragePrecision:0.000})";
        var prevalence = result.Labels.Average();
        var baseline = plot.Add.HorizontalLine(prevalence, 1, Colors.Gray, LinePattern.Dashed);
        baseline.LegendText = $"prevalence {prevalence:0.000}";
        var m = result.Metrics;
        if (double.IsFinite(m.Precision))
        {
            var point = plot.Add.Marker(m.Sensitivity, m.Precision, MarkerShape.FilledCircle, 12, Colors.Red);
            point.LegendText = $"threshold {m.Threshold:0.000}: recall {m.Sensitivity:0.000}, precision {m.Precision:0.000}";
        }

        plot.Axes.SetLimits(-0.02, 1.02, -0.02, 1.02);
        plot.XLabel("recall (sensitivity)");
        plot.YLabel("precision (PPV)");
        plot.Title("Precision–recall curve (PNEUMONIA positive)");
        plot.ShowLegend(Alignment.LowerLeft);
        return plot;
    }

    /// <summary>Reliability diagram: per 0.1-wide probability bin, mean predicted probability against the observed share of
    /// PNEUMONIA, with the bin's image count; the diagonal is perfect calibration.</summary>
    private static Plot Calibration(EvaluationResult result)
    {
        var plot = new Plot();
        var bins = CalibrationAnalysis.ReliabilityBins(result.Labels, result.Probabilities, BinaryMetrics.EceBins).Where(b => b.Count > 0).ToList();
        var perfect = plot.Add.Line(0, 0, 1, 1);
        perfect.LinePattern = LinePattern.Dashed;
        perfect.LineColor = Colors.Gray;
        perfect.LegendText = "perfect calibration";
        var line = plot.Add.Scatter(bins.Select(b => b.MeanProbability).ToArray(), bins.Select(b => b.FractionPositive).ToArray());
        line.LineWidth = 2;
        line.MarkerSize = 9;
        line.LegendText = $"model (ECE {result.Metrics.Ece:0.000}, Brier {result.Metrics.Brier:0.000})";
        foreach (var b in bins)
        {
            var label = plot.Add.Text($"n={b.Count}", b.MeanProbability, b.FractionPositive);
            label.LabelFontSize = 11;
            label.LabelAlignment = Alignment.LowerLeft;
            label.OffsetX = 6;
            label.OffsetY = -4;
        }

        plot.Axes.SetLimits(-0.02, 1.02, -0.02, 1.08);
        plot.XLabel("mean predicted P(pneumonia) in bin");
        plot.YLabel("observed fraction PNEUMONIA");
        plot.Title($"Reliability diagram ({BinaryMetrics.EceBins} equal-width bins)");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }
}
