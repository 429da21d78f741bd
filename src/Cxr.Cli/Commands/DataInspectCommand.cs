using System.CommandLine;
using Cxr.Core.Contracts;
using Cxr.Core.Data;
using Spectre.Console;

namespace Cxr.Cli.Commands;

/// <summary><c>cxr data inspect ROOT [--json]</c>: counts, patients, duplicates, skipped files and leakage of a data set.</summary>
public static class DataInspectCommand
{
    private const int ListedDuplicates = 5;
    private const int ListedLeaks = 20;

    public static Command Create()
    {
        var root = new Argument<string>("ROOT")
        {
            Description = "Data set folder. Accepted layouts: " + DatasetScanner.AcceptedLayouts + ".",
        };
        var json = new Option<bool>("--json")
        {
            Description = "Print JSON instead of tables. Shape: " + DatasetSummary.JsonShape + ".",
        };
        var command = new Command(
            "inspect",
            "Show images per split and class, pneumonia subtypes, patients (count, images per patient), byte-identical " +
            "duplicate groups, skipped files, and patients or images shared between the existing splits.");
        command.Arguments.Add(root);
        command.Options.Add(json);
        command.SetAction(parse => Run(parse.GetRequiredValue(root), parse.GetValue(json)));
        return command;
    }

    private static int Run(string root, bool json)
    {
        var scan = DataScanRunner.Scan(root, showProgress: !json);
        var summary = DatasetSummary.From(scan);
        var console = DataConsole.Get();
        if (json)
        {
            // Straight to the writer: Spectre would wrap long lines at the console width.
            console.Profile.Out.Writer.Write(summary.ToJson() + "\n");
            console.Profile.Out.Writer.Flush();
            return 0;
        }

        Render(console, scan, summary);
        return 0;
    }

    private static void Render(IAnsiConsole console, DatasetScan scan, DatasetSummary summary)
    {
        console.MarkupLine(
            $"[bold]{Markup.Escape(summary.Root)}[/]  {summary.Layout.ToString().ToLowerInvariant()} layout, " +
            $"{summary.Images} images, {summary.Patients} patients");

        var showUnknown = summary.Splits.Any(s => s.Subtypes["unknown"] > 0);
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("split");
        foreach (var header in new[] { ClassLabels.Normal, ClassLabels.Pneumonia, "total", "% pneu", "bacteria", "virus" })
        {
            table.AddColumn(new TableColumn(header).RightAligned());
        }

        if (showUnknown)
        {
            table.AddColumn(new TableColumn("unknown").RightAligned());
        }

        table.AddColumn(new TableColumn("patients").RightAligned());
        table.AddColumn(new TableColumn("img/pt max").RightAligned());
        table.AddColumn(new TableColumn("img/pt mean").RightAligned());

        foreach (var s in summary.Splits)
        {
            var cells = new List<string>
            {
                s.Name,
                DataFormat.Count(s.Normal),
                DataFormat.Count(s.Pneumonia),
                DataFormat.Count(s.Total),
                DataFormat.Percent(s.PneumoniaFraction),
                DataFormat.Count(s.Subtypes["bacteria"]),
                DataFormat.Count(s.Subtypes["virus"]),
            };
            if (showUnknown)
            {
                cells.Add(DataFormat.Count(s.Subtypes["unknown"]));
            }

            cells.Add(DataFormat.Count(s.Patients));
            cells.Add(DataFormat.Count(s.ImagesPerPatientMax));
            cells.Add(DataFormat.Mean(s.ImagesPerPatientMean));
            table.AddRow(cells.Select(Markup.Escape).ToArray());
        }

        console.Write(table);

        var duplicateImages = summary.Duplicates.Sum(g => g.Count);
        var crossPatient = DuplicateFinder.FindGroups(scan.Records)
            .Count(g => g.Select(r => r.Patient).Distinct(StringComparer.Ordinal).Skip(1).Any());
        console.MarkupLine(
            $"duplicate groups: [bold]{summary.DuplicateGroups}[/] (byte-identical; {duplicateImages} images, " +
            $"{crossPatient} group(s) spanning more than one patient)");
        foreach (var group in summary.Duplicates.Take(ListedDuplicates))
        {
            console.MarkupLine("  " + Markup.Escape(string.Join("  =  ", group)));
        }

        if (summary.DuplicateGroups > ListedDuplicates)
        {
            console.MarkupLine($"  … and {summary.DuplicateGroups - ListedDuplicates} more (--json lists all)");
        }

        console.MarkupLine($"skipped files: [bold]{summary.SkippedFiles.Count}[/] (not images, hidden, or sub-folders)");
        foreach (var skipped in summary.SkippedFiles.Take(ListedDuplicates))
        {
            console.MarkupLine("  " + Markup.Escape(skipped));
        }

        if (summary.SkippedFiles.Count > ListedDuplicates)
        {
            console.MarkupLine($"  … and {summary.SkippedFiles.Count - ListedDuplicates} more (--json lists all)");
        }

        if (summary.Splits.Count < 2)
        {
            console.MarkupLine("leakage between splits: [grey]n/a (one split)[/]");
        }
        else if (summary.Leaks.Count == 0)
        {
            console.MarkupLine(
                $"leakage between splits: [green]none[/] (no patient and no identical image in more than one of " +
                $"{string.Join(", ", summary.Splits.Select(s => s.Name))})");
        }
        else
        {
            console.MarkupLine($"leakage between splits: [red]{summary.Leaks.Count}[/]");
            var leaks = new Table().Border(TableBorder.Rounded).AddColumns("kind", "key", "splits", "files");
            foreach (var leak in summary.Leaks.Take(ListedLeaks))
            {
                leaks.AddRow(
                    Markup.Escape(leak.Kind),
                    Markup.Escape(leak.Kind == "duplicate" ? leak.Key[..Math.Min(12, leak.Key.Length)] : leak.Key),
                    Markup.Escape(string.Join(", ", leak.Splits)),
                    Markup.Escape(string.Join(", ", leak.Files)));
            }

            console.Write(leaks);
            if (summary.Leaks.Count > ListedLeaks)
            {
                console.MarkupLine($"  … and {summary.Leaks.Count - ListedLeaks} more (--json lists all)");
            }
        }
    }
}
