using Cxr.Training.Trainer;
using ScottPlot;

namespace Cxr.Training.Runs;

/// <summary>Draws <c>curves.png</c>: losses on the left, validation AUC and accuracy on the right, per epoch.</summary>
public static class CurvePlotter
{
    public static void Save(string path, IReadOnlyList<EpochRecord> history, int width = 1200, int height = 450)
    {
        var epochs = history.Select(h => (double)h.Epoch).ToArray();
        var multiplot = new Multiplot();
        multiplot.AddPlots(2);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();

        var loss = multiplot.GetPlot(0);
        var train = loss.Add.Scatter(epochs, history.Select(h => h.TrainLoss).ToArray());
        train.LegendText = "train loss";
        var val = loss.Add.Scatter(epochs, history.Select(h => h.ValidationLoss).ToArray());
        val.LegendText = "validation loss";
        loss.Title("Loss");
        loss.XLabel("epoch");
        loss.ShowLegend(Alignment.UpperRight);

        var quality = multiplot.GetPlot(1);
        var auc = quality.Add.Scatter(epochs, history.Select(h => h.ValidationAuc).ToArray());
        auc.LegendText = "validation ROC AUC";
        var accuracy = quality.Add.Scatter(epochs, history.Select(h => h.ValidationAccuracy).ToArray());
        accuracy.LegendText = "validation accuracy (p ≥ 0.5)";
        var best = history.FirstOrDefault(h => h.IsBest && h.Epoch == history.Where(x => x.IsBest).Max(x => x.Epoch));
        if (best is not null)
        {
            var marker = quality.Add.VerticalLine(best.Epoch);
            marker.LegendText = $"best epoch ({best.Epoch})";
            marker.LinePattern = LinePattern.Dashed;
        }

        quality.Title("Validation");
        quality.XLabel("epoch");
        quality.ShowLegend(Alignment.LowerRight);
        multiplot.SavePng(path, width, height);
    }
}
