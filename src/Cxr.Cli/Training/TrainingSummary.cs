using Cxr.Training.Runs;
using Spectre.Console;

namespace Cxr.Cli.Training;

/// <summary>Prints the end-of-run table of <c>cxr train</c>.</summary>
public static class TrainingSummary
{
    public static void Print(TrainingReport report)
    {
        var m = report.Validation;
        var ensemble = report.Ensemble;
        var title = ensemble is null
            ? $"validation ({report.ValidationImages} images, patient-grouped)"
            : $"out-of-fold validation ({report.ValidationImages} training films, each scored by the member that did not train on it; {ensemble.Members.Count} patient-grouped folds)";
        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(report.ModelName)}[/]: {title}");
        table.AddColumn("metric");
        table.AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("threshold (" + Markup.Escape(report.ThresholdPolicy) + ")", $"{m.Threshold:F4}");
        table.AddRow("temperature", $"{report.Temperature:F3}");
        table.AddRow("accuracy", $"{m.Accuracy:P2}");
        table.AddRow("sensitivity", $"{m.Sensitivity:P2}");
        table.AddRow("specificity", $"{m.Specificity:P2}");
        table.AddRow("precision", $"{m.Precision:P2}");
        table.AddRow("F1", $"{m.F1:F4}");
        table.AddRow("ROC AUC", $"{m.Auc:F4}");
        table.AddRow("average precision", $"{m.AveragePrecision:F4}");
        table.AddRow("Brier", $"{m.Brier:F4}");
        table.AddRow("ECE (10 bins)", $"{m.Ece:F4}");
        table.AddRow("TP / FP / TN / FN", $"{m.Tp} / {m.Fp} / {m.Tn} / {m.Fn}");
        if (report.InputGuard is { DistanceThreshold: { } limit } && report.InputGuardValidation is { } guard)
        {
            table.AddRow("input guard distance limit", $"{limit:F2} ({report.InputGuard.Percentile:0.#}th percentile of training films)");
            table.AddRow("input guard on validation", $"refuses {guard.UprightRefused:P1}; finds {guard.RotatedRecognised:P1} of turned, {guard.InvertedRecognised:P1} of inverted films");
        }

        if (ensemble is null)
        {
            table.AddRow("best epoch", $"{report.BestEpoch} of {report.EpochsRun}{(report.StoppedEarly ? " (early stop)" : "")}");
            table.AddRow("parameters", $"{report.ParameterCount:N0}");
        }
        else
        {
            if (report.InputGuard is { DistanceThreshold: { } fitLimit } && report.InputGuardTrain is { } trainGuard)
            {
                table.AddRow("input guard distance limit", $"{fitLimit:F2} ({report.InputGuard.Percentile:0.#}th percentile of training films)");
                table.AddRow("input guard on training films", $"refuses {trainGuard.UprightRefused:P1}; finds {trainGuard.RotatedRecognised:P1} of turned, {trainGuard.InvertedRecognised:P1} of inverted films (no unseen films to test it on)");
            }

            foreach (var member in ensemble.Members)
            {
                table.AddRow(
                    $"member {member.Member} (seed {member.Seed})",
                    $"best epoch {member.BestEpoch} of {member.EpochsRun}{(member.StoppedEarly ? " (early stop)" : "")}, held-out AUC {member.HeldOutAuc:F4} on {member.HeldOutImages} films");
            }

            table.AddRow("parameters", $"{report.ParameterCount:N0} ({ensemble.Members.Count} members)");
        }

        table.AddRow("wall time", $"{Clock.FromSeconds(report.TotalSeconds)} (training {Clock.FromSeconds(report.TrainingSeconds)})");
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"Model: [green]{Markup.Escape(report.ModelPath ?? "")}[/]");
    }
}
