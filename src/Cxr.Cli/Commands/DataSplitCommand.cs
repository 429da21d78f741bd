using System.CommandLine;
using Cxr.Core.Contracts;
using Cxr.Core.Data;
using Spectre.Console;

namespace Cxr.Cli.Commands;

/// <summary>
/// <c>cxr data split ROOT --out manifest.csv [--ratios 80,10,10] [--seed 42] [--from-split train]</c>: a patient-grouped,
/// duplicate-grouped, label-stratified split, leakage-checked, written as a manifest.
/// </summary>
public static class DataSplitCommand
{
    public static Command Create()
    {
        var root = new Argument<string>("ROOT")
        {
            Description = "Data set folder. Accepted layouts: " + DatasetScanner.AcceptedLayouts + ".",
        };
        var output = new Option<string>("--out", "-o")
        {
            Description = "Manifest CSV to write (columns " + Manifest.Header + "; paths relative to the manifest's folder).",
            Required = true,
        };
        var ratios = new Option<string>("--ratios")
        {
            Description = "Percent of images for train,val,test; three non-negative numbers summing to 100. A part may be 0.",
            DefaultValueFactory = _ => "80,10,10",
        };
        var seed = new Option<int>("--seed")
        {
            Description = "Seed of the shuffle; the same seed and data give a byte-identical manifest.",
            DefaultValueFactory = _ => 42,
        };
        var fromSplit = new Option<string?>("--from-split")
        {
            Description = "Use only this official split folder of a Kaggle layout (train, val or test), e.g. train. " +
                          "Default: every image under ROOT.",
        };
        var command = new Command(
            "split",
            "Split a data set into train/val/test so that no patient and no byte-identical image is in two splits, " +
            "with each split's pneumonia fraction close to the whole; checks for leakage, writes the manifest and " +
            "prints the resulting counts.");
        command.Arguments.Add(root);
        command.Options.Add(output);
        command.Options.Add(ratios);
        command.Options.Add(seed);
        command.Options.Add(fromSplit);
        command.SetAction(parse => Run(
            parse.GetRequiredValue(root),
            parse.GetRequiredValue(output),
            parse.GetValue(ratios) ?? "80,10,10",
            parse.GetValue(seed),
            parse.GetValue(fromSplit)));
        return command;
    }

    private static int Run(string root, string output, string ratiosText, int seed, string? fromSplit)
    {
        // Arguments first: a typo should not cost a full scan.
        SplitRatios ratios;
        try
        {
            ratios = SplitRatios.Parse(ratiosText);
        }
        catch (DatasetException)
        {
            throw new CliUsageException($"--{SplitRatios.Requirement} (got '{ratiosText}').");
        }

        if (fromSplit is not null)
        {
            fromSplit = fromSplit.Trim().ToLowerInvariant();
            if (!SplitNames.All.Contains(fromSplit))
            {
                throw new CliUsageException($"--from-split must be one of {string.Join(", ", SplitNames.All)} (got '{fromSplit}').");
            }
        }

        if (string.IsNullOrWhiteSpace(output))
        {
            throw new CliUsageException("--out needs a file name, e.g. --out manifest.csv.");
        }

        if (Directory.Exists(output))
        {
            throw new CliUsageException($"--out {output} is a folder; give a file name, e.g. {Path.Combine(output, "manifest.csv")}.");
        }

        var scan = DataScanRunner.Scan(root, showProgress: true);
        var records = scan.Records;
        if (fromSplit is not null)
        {
            if (scan.Layout != DatasetLayout.Kaggle)
            {
                throw new CliUsageException(
                    $"--from-split needs split folders (train/val/test), but {scan.Root} has the flat layout; drop --from-split.");
            }

            records = records.Where(r => r.Split == fromSplit).ToList();
            if (records.Count == 0)
            {
                var present = scan.Records.Select(r => r.Split).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
                throw new DatasetException(
                    $"{scan.Root} has no images in a '{fromSplit}' folder (split folders with images: {string.Join(", ", present)}).");
            }
        }

        var split = new PatientGroupedSplitter(ratios, seed).Split(records);
        LeakageChecker.EnsureNone(split);
        Manifest.Write(output, split);

        Render(DataConsole.Get(), split, Path.GetFullPath(output), ratios, seed, scan.Root, fromSplit);
        return 0;
    }

    private static void Render(
        IAnsiConsole console, IReadOnlyList<ImageRecord> split, string output, SplitRatios ratios, int seed, string root, string? fromSplit)
    {
        var source = fromSplit is null ? root : $"{root} ({fromSplit} only)";
        console.MarkupLine($"[bold]{Markup.Escape(source)}[/]: {split.Count} images, ratios {ratios}, seed {seed}");

        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("split");
        foreach (var header in new[] { ClassLabels.Normal, ClassLabels.Pneumonia, "total", "% of images", "% pneu", "patients" })
        {
            table.AddColumn(new TableColumn(header).RightAligned());
        }

        var bySplit = split.ToLookup(r => r.Split, StringComparer.Ordinal);
        var rows = SplitNames.All.Select(name => SplitSummary.From(name, bySplit[name])).ToList();
        rows.Add(SplitSummary.From("all", split));
        foreach (var s in rows)
        {
            var cells = new[]
            {
                s.Name,
                DataFormat.Count(s.Normal),
                DataFormat.Count(s.Pneumonia),
                DataFormat.Count(s.Total),
                DataFormat.Percent(split.Count == 0 ? 0 : (double)s.Total / split.Count),
                DataFormat.Percent(s.PneumoniaFraction),
                DataFormat.Count(s.Patients),
            };
            var style = s.Name == "all" ? "bold" : "default";
            table.AddRow(cells.Select(c => $"[{style}]{Markup.Escape(c)}[/]").ToArray());
        }

        console.Write(table);
        console.MarkupLine("leakage check: [green]passed[/] (every patient and every group of identical images in one split)");
        console.MarkupLine($"wrote [bold]{Markup.Escape(output)}[/] ({split.Count} rows)");
    }
}
