using System.CommandLine;
using Cxr.Cli.Evaluation;
using Cxr.Cli.Evaluation.Robustness;
using Cxr.Cli.Predictions;
using Cxr.Core.Data;
using Cxr.Core.Imaging.Perturbations;
using Cxr.Inference;
using Spectre.Console;

namespace Cxr.Cli.Commands;

/// <summary><c>cxr evaluate --model FILE (--data ROOT | --manifest FILE) [--split test] [--out DIR] [--robustness
/// [--perturbations A,B]]</c>: predict every image of a labelled split and write metrics.json, report.md and four
/// figures; with <c>--robustness</c> also the table of <see cref="PerturbationCatalogue.Standard"/> and robustness.png.</summary>
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
        var robustness = new Option<bool>("--robustness")
        {
            Description = $"Also run every image under {PerturbationCatalogue.Standard.Count} fixed acquisition changes (rotation, zoom, shift, blur, sharpening, gamma, noise, JPEG, field of view, border and markers) and add their table and robustness.png.",
        };
        var perturbations = new Option<string?>("--perturbations")
        {
            Description = $"With --robustness: only these, comma-separated ({string.Join(", ", PerturbationCatalogue.Standard.Select(p => p.Name))}).",
        };

        var command = new Command("evaluate", "Evaluate a model on a labelled split: metrics with bootstrap intervals, report and figures.")
        {
            model, data, manifest, split, output, threshold, bootstrap, seed, threads, robustness, perturbations,
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
            Perturbations(parse.GetValue(robustness), parse.GetValue(perturbations)),
            cancellationToken)));
        return command;
    }

    private static int Run(
        string? modelPath, string? dataRoot, string? manifest, string split, string? outDir, double? threshold,
        int bootstrap, int seed, int threads, IReadOnlyList<FilmPerturbation>? perturbations, CancellationToken cancellationToken)
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
        if (perturbations is not null)
        {
            var evaluated = result;
            result = result with
            {
                Robustness = ProgressDisplay.Run(
                    $"robustness ({perturbations.Count} changes)",
                    set.Records.Count,
                    progress => RobustnessRunner.Run(predictor, evaluated, perturbations, progress, cancellationToken),
                    linesWhenNoTerminal: true),
            };
        }

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
        if (result.Robustness is { } robustness)
        {
            RenderRobustness(console, robustness);
        }

        console.MarkupLine($"{result.Misclassified.Count} misclassified · input guard would refuse {result.GuardRefusals.Values.Sum()} (still scored) · wrote {Markup.Escape(Path.Combine(directory, EvaluationFiles.Metrics))}, {EvaluationFiles.Report} and {EvaluationFiles.Figures(result).Count} figures");
    }

    private static void RenderRobustness(IAnsiConsole console, RobustnessResult robustness)
    {
        console.MarkupLine(
            $"robustness at threshold {EvaluationReportWriter.F(robustness.Threshold)}: each change applied to every film before the resize " +
            $"({robustness.Seconds:0} s); Δ vs. the films as they are, in points for the rates");
        var table = new Table().Border(TableBorder.Rounded);
        for (var i = 0; i < RobustnessText.Headers.Count; i++)
        {
            var column = new TableColumn(Markup.Escape(RobustnessText.Headers[i]));
            table.AddColumn(RobustnessText.IsNumeric(i) ? column.RightAligned() : column);
        }

        table.AddRow([.. RobustnessText.Baseline(robustness).Select(Markup.Escape)]);
        foreach (var o in robustness.Outcomes)
        {
            table.AddRow([.. RobustnessText.Row(o).Select(Markup.Escape)]);
        }

        console.Write(table);
    }

    /// <summary>The perturbations <c>--robustness</c> and <c>--perturbations</c> ask for (null: no robustness pass).</summary>
    /// <exception cref="CliUsageException"><c>--perturbations</c> without <c>--robustness</c>, empty, or naming a change
    /// that is not in the set.</exception>
    private static IReadOnlyList<FilmPerturbation>? Perturbations(bool robustness, string? names)
    {
        if (names is null)
        {
            return robustness ? PerturbationCatalogue.Standard : null;
        }

        if (!robustness)
        {
            throw new CliUsageException("--perturbations chooses from the --robustness set; add --robustness.");
        }

        var wanted = names.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (wanted.Length == 0)
        {
            throw new CliUsageException($"--perturbations needs at least one name: {string.Join(", ", PerturbationCatalogue.Standard.Select(p => p.Name))}.");
        }

        var chosen = new HashSet<FilmPerturbation>();
        foreach (var name in wanted)
        {
            chosen.Add(PerturbationCatalogue.Find(name) ?? throw new CliUsageException(
                $"--perturbations: '{name}' is not in the set ({string.Join(", ", PerturbationCatalogue.Standard.Select(p => p.Name))})."));
        }

        return [.. PerturbationCatalogue.Standard.Where(chosen.Contains)];
    }
}
