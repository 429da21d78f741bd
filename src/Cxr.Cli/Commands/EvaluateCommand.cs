using System.CommandLine;
using Cxr.Cli.Evaluation;
using Cxr.Cli.Predictions;
using Cxr.Core.Data;
using Cxr.Inference;
using Spectre.Console;

namespace Cxr.Cli.Commands;

/// <summary><c>cxr evaluate --model FILE (--data ROOT | --manifest FILE) [--split test] [--out DIR]</c>: predict every image
/// of a labelled split and write metrics.json, report.md and four figures.</summary>
public static class EvaluateCommand
{
    public static Command Create()
    {
        var model = new Option<string?>("--model", "-m") { Description = $"ONNX model file (default: {DefaultModel.RelativePath})." };
        var data = new Option<string?>("--data") { Description = "Labelled data root: {train,val,test}/{NORMAL,PNEUMONIA}/ or NORMAL/ + PNEUMONIA/ (use --split all)." };
        var manifest = new Option<string?>("--manifest") { Description = "Manifest CSV from `cxr data split`." };
        var split = new Option<string>("--split") { Description = $"Split to evaluate: {string.Join(", ", SplitNames.All)}, or all.", DefaultValueFactory = _ => SplitNames.Test };
        var output = new Option<string?>("--out", "-o") { Description = "Output folder (default: evaluation/MODEL-SPLIT)." };
        var threshold = new Option<double?>("--threshold") { Description = "Decision threshold in [0, 1] (default: the model's stored one)." };
        var bootstrap = new Option<int>("--bootstrap") { Description = "Bootstrap resamples (of patients) for the 95% intervals.", DefaultValueFactory = _ => 1000 };
        var seed = new Option<int>("--seed") { Description = "Bootstrap seed.", DefaultValueFactory = _ => 42 };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime threads.", DefaultValueFactory = _ => 2 };

        var command = new Command("evaluate", "Evaluate a model on a labelled split: metrics with bootstrap intervals, report and figures.")
        {
            model, data, manifest, split, output, threshold, bootstrap, seed, threads,
        };
        command.SetAction((parse, cancellationToken) => Task.FromResult(Run(
            parse.GetValue(model),
            parse.GetValue(data),
            parse.GetValue(manifest),
            parse.GetValue(split)!,
            parse.GetValue(output),
            parse.GetValue(threshold),
            parse.GetValue(bootstrap),
            parse.GetValue(seed),
            parse.GetValue(threads),
            cancellationToken)));
        return command;
    }

    private static int Run(
        string? modelPath, string? dataRoot, string? manifest, string split, string? outDir, double? threshold,
        int bootstrap, int seed, int threads, CancellationToken cancellationToken)
    {
        if (threshold is { } t && !(t >= 0 && t <= 1))
        {
            throw new CliUsageException($"--threshold must be a probability in [0, 1]; got {t}.");
        }

        if (bootstrap < 1)
        {
            throw new CliUsageException($"--bootstrap must be at least 1; got {bootstrap}.");
        }

        if (threads < 1)
        {
            throw new CliUsageException($"--threads must be at least 1; got {threads}.");
        }

        split = split.Trim().ToLowerInvariant();
        var set = EvaluationSet.Load(dataRoot, manifest, split);
        using var predictor = ChestXrayPredictor.Load(DefaultModel.Resolve(modelPath), new PredictorOptions(IntraOpThreads: threads));
        var directory = Path.GetFullPath(outDir ?? Path.Combine("evaluation", $"{predictor.Model.Name}-{split}"));
        Directory.CreateDirectory(directory);

        var result = ProgressDisplay.Run($"evaluating {split}", set.Records.Count, progress =>
            EvaluationRunner.Run(predictor, set, threshold, bootstrap, seed, progress, cancellationToken));

        File.WriteAllText(Path.Combine(directory, EvaluationFiles.Metrics), MetricsJsonWriter.ToJson(result));
        EvaluationPlots.SaveAll(result, directory);
        File.WriteAllText(Path.Combine(directory, EvaluationFiles.Report), EvaluationReportWriter.ToMarkdown(result));

        Render(DataConsole.Get(), result, directory);
        return 0;
    }

    private static void Render(IAnsiConsole console, EvaluationResult result, string directory)
    {
        var m = result.Metrics;
        console.MarkupLine(
            $"[bold]{Markup.Escape(result.Model.Name)}[/] on [bold]{Markup.Escape(result.Set.Split)}[/]: {m.N} images " +
            $"({result.Labels.Count(l => l == 1)} PNEUMONIA, {result.Labels.Count(l => l == 0)} NORMAL), threshold {EvaluationReportWriter.F(m.Threshold)}");
        var table = new Table().Border(TableBorder.Rounded).AddColumn("metric").AddColumn(new TableColumn("value").RightAligned()).AddColumn(new TableColumn("95% CI").RightAligned());
        foreach (var (key, name, value) in EvaluationReportWriter.Rows)
        {
            var ci = result.Intervals[key];
            table.AddRow(Markup.Escape(name), EvaluationReportWriter.F(value(m)), $"{EvaluationReportWriter.F(ci.Lower)} – {EvaluationReportWriter.F(ci.Upper)}");
        }

        table.AddRow("TP / FP / TN / FN", $"{m.Tp} / {m.Fp} / {m.Tn} / {m.Fn}", "");
        foreach (var s in result.Subtypes)
        {
            table.AddRow(Markup.Escape($"sensitivity, {s.Subtype}"), $"{EvaluationReportWriter.F(s.Sensitivity)} ({s.Detected}/{s.N})", "");
        }

        console.Write(table);
        console.MarkupLine($"{result.Misclassified.Count} misclassified · input guard would refuse {result.GuardRefusals.Values.Sum()} (still scored) · wrote {Markup.Escape(Path.Combine(directory, EvaluationFiles.Metrics))}, {EvaluationFiles.Report} and {EvaluationFiles.Plots.Count} figures");
    }
}
