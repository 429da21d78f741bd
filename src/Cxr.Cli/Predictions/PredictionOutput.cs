using System.Globalization;
using System.Text;
using System.Text.Json;
using Cxr.Core.Contracts;
using Cxr.Core.Text;
using Cxr.Inference;
using Spectre.Console;

namespace Cxr.Cli.Predictions;

/// <summary>The three output formats of <c>cxr predict</c>, all from the same <see cref="IFileResult"/> rows (the JSON is
/// those rows; the CSV and the table print their values). Numbers use the invariant culture.</summary>
internal static class PredictionOutput
{
    public const string Table = "table";
    public const string Json = "json";
    public const string Csv = "csv";

    public static IReadOnlyList<string> Formats { get; } = [Table, Json, Csv];

    /// <summary>The CSV header, exactly.</summary>
    public const string CsvHeader = "file,label,probability,threshold,logit,total_ms,heatmap,input_check,error";

    /// <summary>The column an ensemble's CSV adds at the end (the predictions' member spread, empty for refused and failed
    /// files); a single model's CSV has exactly <see cref="CsvHeader"/>.</summary>
    public const string MemberSpreadColumn = "member_spread";

    /// <summary>One line: counts, failures, the model and the mean time per image.</summary>
    public static string Summary(IReadOnlyList<IFileResult> results, ModelInfo model)
    {
        var counts = PredictionsSummary.From(results);
        var timed = results.Select(Timings).OfType<FileTimings>().ToList();
        var meanMs = timed.Count == 0 ? 0 : timed.Average(t => t.TotalMs);
        var forced = results.Count(r => r is FilePrediction { Forced: true });
        return string.Create(CultureInfo.InvariantCulture,
            $"{counts.Files} file{(counts.Files == 1 ? "" : "s")}: {counts.Predicted} predicted ({counts.Pneumonia} {ClassLabels.Pneumonia}, {counts.Normal} {ClassLabels.Normal}" +
            $"{(forced > 0 ? $"; {forced} forced past the input guard" : "")}), {counts.Refused} refused as not chest X-rays, " +
            $"{counts.Failed} failed · model {model.Name} {model.Version} · {meanMs:0.0} ms/image");
    }

    public static void WriteTable(IAnsiConsole console, IReadOnlyList<IFileResult> results, ModelInfo model, bool heatmaps)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("file");
        table.AddColumn("result");
        table.AddColumn(new TableColumn("P(pneumonia)").RightAligned());
        table.AddColumn(new TableColumn("threshold").RightAligned());
        table.AddColumn(new TableColumn("ms").RightAligned());
        var spread = model.HasMemberSpread;
        if (spread)
        {
            table.AddColumn(new TableColumn("member spread").RightAligned());
        }

        if (heatmaps)
        {
            table.AddColumn("heatmap");
        }

        foreach (var r in results)
        {
            List<string> cells = r switch
            {
                FilePrediction p =>
                [
                    Markup.Escape(p.File),
                    $"[{(p.Label == ClassLabels.Pneumonia ? "red" : "green")}]{Markup.Escape(p.Label)}[/]" +
                        (p.Forced ? $" [yellow]⚠ {Markup.Escape(p.InputCheck.Reason!)}[/]" : ""),
                    Number(p.Probability, "0.000"),
                    Number(p.Threshold, "0.000"),
                    Number(p.Timings.TotalMs, "0.0"),
                ],
                FileRefusal refusal => [Markup.Escape(refusal.File), $"[yellow]not a chest X-ray: {Markup.Escape(refusal.InputCheck.Reason!)}[/]", "", "", Number(refusal.Timings.TotalMs, "0.0")],
                _ => [Markup.Escape(r.File), "[yellow]error[/]", "", "", ""],
            };
            if (spread)
            {
                cells.Add(r is FilePrediction { MemberSpread: { } value } ? Number(value, "0.000") : "");
            }

            if (heatmaps)
            {
                cells.Add(Markup.Escape((r as FilePrediction)?.Heatmap ?? ""));
            }

            table.AddRow(cells.ToArray());
        }

        console.Write(table);
        foreach (var r in results)
        {
            var (kind, check) = r switch
            {
                FilePrediction { Forced: true } p => ("forced", p.InputCheck),
                FileRefusal refusal => ("refused", refusal.InputCheck),
                _ => (null, null),
            };
            if (check is not null)
            {
                console.MarkupLine($"[yellow]{kind}:[/] {Markup.Escape(r.File)}: {Markup.Escape(check.Message!)}");
            }
        }

        foreach (var r in results)
        {
            var warnings = r switch
            {
                FilePrediction p => p.InputCheck.Warnings,
                FileRefusal refusal => refusal.InputCheck.Warnings,
                _ => null,
            };
            foreach (var warning in warnings ?? [])
            {
                // e.g. the DICOM header's "adult": the answer stands, but should be read with this.
                console.MarkupLine($"[yellow]warning ({Markup.Escape(warning.Code)}):[/] {Markup.Escape(r.File)}: {Markup.Escape(warning.Message)}");
            }
        }

        foreach (var p in results.OfType<FilePrediction>())
        {
            if (p.DicomObjects is { } written)
            {
                console.MarkupLine($"[grey]dicom:[/] {Markup.Escape(p.File)} → {Markup.Escape(string.Join(", ", written))}");
            }
            else if (p.DicomSkipped is { } skipped)
            {
                console.MarkupLine($"[yellow]dicom skipped:[/] {Markup.Escape(p.File)}: {Markup.Escape(skipped)}");
            }
        }

        foreach (var failure in results.OfType<FileFailure>())
        {
            console.MarkupLine($"[yellow]error:[/] {Markup.Escape(failure.File)}: {Markup.Escape(failure.Error)}");
        }

        console.MarkupLine(Markup.Escape(Summary(results, model)));
        var threshold = results.OfType<FilePrediction>().FirstOrDefault()?.Threshold ?? model.Threshold;
        console.MarkupLine($"[grey]threshold {Number(threshold, "0.000")} ({Markup.Escape(model.ThresholdPolicy)}) · {Markup.Escape(Disclaimer.Notice)}[/]");
    }

    public static string ToJson(IReadOnlyList<IFileResult> results, ModelInfo model) =>
        JsonSerializer.Serialize(new PredictionsDocument(new PredictionsModel(model), results, PredictionsSummary.From(results)), CliJsonContext.Output.PredictionsDocument) + "\n";

    /// <summary>One line per row, its values as the JSON has them (the same doubles, printed round-trip).</summary>
    public static string ToCsv(IReadOnlyList<IFileResult> results, ModelInfo model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var spread = model.HasMemberSpread;
        var text = new StringBuilder(CsvHeader).Append(spread ? "," + MemberSpreadColumn : "").Append('\n');
        foreach (var r in results)
        {
            text.Append(Field(r.File)).Append(',');
            switch (r)
            {
                case FilePrediction p:
                    text.Append(p.Label).Append(',')
                        .Append(Number(p.Probability, "R")).Append(',')
                        .Append(Number(p.Threshold, "R")).Append(',')
                        .Append(Number(p.Logit, "R")).Append(',')
                        .Append(Number(p.Timings.TotalMs, "R")).Append(',')
                        .Append(Field(p.Heatmap ?? "")).Append(',')
                        .Append(p.Forced ? "forced:" + p.InputCheck.Reason : "ok").Append(',');
                    break;
                case FileRefusal refusal:
                    text.Append(",,,,").Append(Number(refusal.Timings.TotalMs, "R")).Append(",,")
                        .Append("refused:").Append(refusal.InputCheck.Reason).Append(',');
                    break;
                case FileFailure failure:
                    text.Append(",,,,,,,").Append(Field(failure.Error));
                    break;
            }

            if (spread)
            {
                text.Append(',').Append(r is FilePrediction { MemberSpread: { } value } ? Number(value, "R") : "");
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    private static FileTimings? Timings(IFileResult result) => result switch
    {
        FilePrediction p => p.Timings,
        FileRefusal refusal => refusal.Timings,
        _ => null,
    };

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Field(string value) => CsvField.Quote(value);
}
