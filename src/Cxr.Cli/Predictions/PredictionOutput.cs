using System.Globalization;
using System.Text;
using System.Text.Json;
using Cxr.Inference;
using Spectre.Console;

namespace Cxr.Cli.Predictions;

/// <summary>The three output formats of <c>cxr predict</c>. Numbers use the invariant culture.</summary>
internal static class PredictionOutput
{
    public const string Table = "table";
    public const string Json = "json";
    public const string Csv = "csv";

    public static IReadOnlyList<string> Formats { get; } = [Table, Json, Csv];

    /// <summary>The CSV header, exactly.</summary>
    public const string CsvHeader = "file,label,probability,threshold,logit,total_ms,heatmap,error";

    /// <summary>One line: counts, failures, the model and the mean time per image.</summary>
    public static string Summary(IReadOnlyList<FileResult> results, ModelInfo model)
    {
        var ok = results.Where(r => r.Succeeded).ToList();
        var failed = results.Count - ok.Count;
        var pneumonia = ok.Count(r => r.Label == Prediction.PneumoniaLabel);
        var meanMs = ok.Count == 0 ? 0 : ok.Average(r => r.Timings!.TotalMs);
        return string.Create(CultureInfo.InvariantCulture,
            $"{results.Count} file{(results.Count == 1 ? "" : "s")}: {ok.Count} predicted ({pneumonia} PNEUMONIA, {ok.Count - pneumonia} NORMAL), " +
            $"{failed} failed · model {model.Name} {model.Version} · {meanMs:0.0} ms/image");
    }

    public static void WriteTable(IAnsiConsole console, IReadOnlyList<FileResult> results, ModelInfo model, bool heatmaps)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("file");
        table.AddColumn("result");
        table.AddColumn(new TableColumn("P(pneumonia)").RightAligned());
        table.AddColumn(new TableColumn("threshold").RightAligned());
        table.AddColumn(new TableColumn("ms").RightAligned());
        if (heatmaps)
        {
            table.AddColumn("heatmap");
        }

        foreach (var r in results)
        {
            var cells = r.Succeeded
                ? new List<string>
                {
                    Markup.Escape(r.File),
                    r.Label == Prediction.PneumoniaLabel ? "[red]PNEUMONIA[/]" : "[green]NORMAL[/]",
                    Number(r.Probability, "0.000"),
                    Number(r.Threshold, "0.000"),
                    Number(r.Timings!.TotalMs, "0.0"),
                }
                : [Markup.Escape(r.File), "[yellow]error[/]", "", "", ""];
            if (heatmaps)
            {
                cells.Add(Markup.Escape(r.HeatmapFile ?? ""));
            }

            table.AddRow(cells.ToArray());
        }

        console.Write(table);
        foreach (var r in results.Where(r => !r.Succeeded))
        {
            console.MarkupLine($"[yellow]error:[/] {Markup.Escape(r.File)}: {Markup.Escape(r.Error!)}");
        }

        console.MarkupLine(Markup.Escape(Summary(results, model)));
        console.MarkupLine(
            $"[grey]threshold {Number(results.FirstOrDefault(r => r.Succeeded)?.Threshold ?? model.Threshold, "0.000")} " +
            $"({Markup.Escape(model.ThresholdPolicy)}) · research and education only, not a medical device[/]");
    }

    public static string ToJson(IReadOnlyList<FileResult> results, ModelInfo model)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteStartObject("model");
            w.WriteString("name", model.Name);
            w.WriteString("version", model.Version);
            w.WriteString("sha256", model.Sha256);
            w.WriteNumber("threshold", model.Threshold);
            w.WriteString("thresholdPolicy", model.ThresholdPolicy);
            w.WriteEndObject();
            w.WriteStartArray("results");
            foreach (var r in results)
            {
                w.WriteStartObject();
                w.WriteString("file", r.File);
                if (r.Succeeded)
                {
                    w.WriteString("label", r.Label);
                    w.WriteNumber("probability", r.Probability);
                    w.WriteNumber("threshold", r.Threshold);
                    w.WriteNumber("logit", r.Logit);
                    w.WriteStartObject("timings");
                    w.WriteNumber("decodeMs", Math.Round(r.Timings!.DecodeMs, 3));
                    w.WriteNumber("preprocessMs", Math.Round(r.Timings.PreprocessMs, 3));
                    w.WriteNumber("inferenceMs", Math.Round(r.Timings.InferenceMs, 3));
                    w.WriteNumber("heatmapMs", Math.Round(r.Timings.HeatmapMs, 3));
                    w.WriteNumber("totalMs", Math.Round(r.Timings.TotalMs, 3));
                    w.WriteEndObject();
                    if (r.HeatmapFile is not null)
                    {
                        w.WriteString("heatmap", r.HeatmapFile);
                    }
                }
                else
                {
                    w.WriteString("error", r.Error);
                    w.WriteString("errorCode", r.ErrorCode);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            var ok = results.Count(r => r.Succeeded);
            w.WriteStartObject("summary");
            w.WriteNumber("files", results.Count);
            w.WriteNumber("predicted", ok);
            w.WriteNumber("failed", results.Count - ok);
            w.WriteNumber("pneumonia", results.Count(r => r.Label == Prediction.PneumoniaLabel));
            w.WriteNumber("normal", results.Count(r => r.Label == Prediction.NormalLabel));
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    public static string ToCsv(IReadOnlyList<FileResult> results)
    {
        var text = new StringBuilder(CsvHeader).Append('\n');
        foreach (var r in results)
        {
            text.Append(Field(r.File)).Append(',')
                .Append(r.Label ?? "").Append(',')
                .Append(r.Succeeded ? Number(r.Probability, "R") : "").Append(',')
                .Append(r.Succeeded ? Number(r.Threshold, "R") : "").Append(',')
                .Append(r.Succeeded ? Number(r.Logit, "R") : "").Append(',')
                .Append(r.Succeeded ? Number(r.Timings!.TotalMs, "0.###") : "").Append(',')
                .Append(Field(r.HeatmapFile ?? "")).Append(',')
                .Append(Field(r.Error ?? "")).Append('\n');
        }

        return text.ToString();
    }

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
