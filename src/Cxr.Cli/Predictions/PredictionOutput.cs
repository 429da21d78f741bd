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
    public const string CsvHeader = "file,label,probability,threshold,logit,total_ms,heatmap,input_check,error";

    /// <summary>One line: counts, failures, the model and the mean time per image.</summary>
    public static string Summary(IReadOnlyList<FileResult> results, ModelInfo model)
    {
        var ok = results.Where(r => r.Succeeded).ToList();
        var labelled = ok.Where(r => r.HasLabel).ToList();
        var failed = results.Count - ok.Count;
        var pneumonia = labelled.Count(r => r.Label == Prediction.PneumoniaLabel);
        var meanMs = ok.Count == 0 ? 0 : ok.Average(r => r.Timings!.TotalMs);
        var forced = labelled.Count(r => r.Forced);
        return string.Create(CultureInfo.InvariantCulture,
            $"{results.Count} file{(results.Count == 1 ? "" : "s")}: {labelled.Count} predicted ({pneumonia} PNEUMONIA, {labelled.Count - pneumonia} NORMAL" +
            $"{(forced > 0 ? $"; {forced} forced past the input guard" : "")}), {ok.Count - labelled.Count} refused as not chest X-rays, " +
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
            var cells = r.HasLabel
                ? new List<string>
                {
                    Markup.Escape(r.File),
                    (r.Label == Prediction.PneumoniaLabel ? "[red]PNEUMONIA[/]" : "[green]NORMAL[/]") +
                        (r.Forced ? $" [yellow]⚠ {Markup.Escape(r.Check!.Reason!)}[/]" : ""),
                    Number(r.Probability, "0.000"),
                    Number(r.Threshold, "0.000"),
                    Number(r.Timings!.TotalMs, "0.0"),
                }
                : r.Refused
                    ? [Markup.Escape(r.File), $"[yellow]not a chest X-ray: {Markup.Escape(r.Check!.Reason!)}[/]", "", "", Number(r.Timings!.TotalMs, "0.0")]
                    : [Markup.Escape(r.File), "[yellow]error[/]", "", "", ""];
            if (heatmaps)
            {
                cells.Add(Markup.Escape(r.HeatmapFile ?? ""));
            }

            table.AddRow(cells.ToArray());
        }

        console.Write(table);
        foreach (var r in results.Where(r => r.Check is { IsChestXray: false }))
        {
            console.MarkupLine($"[yellow]{(r.Forced ? "forced" : "refused")}:[/] {Markup.Escape(r.File)}: {Markup.Escape(r.Check!.Message!)}");
        }

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
                    if (r.HasLabel)
                    {
                        w.WriteString("label", r.Label);
                        w.WriteNumber("probability", r.Probability);
                        w.WriteNumber("threshold", r.Threshold);
                        w.WriteNumber("logit", r.Logit);
                    }

                    WriteInputCheck(w, r.Check!, r.Forced);
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
            w.WriteNumber("predicted", results.Count(r => r.HasLabel));
            w.WriteNumber("refused", results.Count(r => r.Refused));
            w.WriteNumber("failed", results.Count - ok);
            w.WriteNumber("pneumonia", results.Count(r => r.Label == Prediction.PneumoniaLabel));
            w.WriteNumber("normal", results.Count(r => r.Label == Prediction.NormalLabel));
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary><c>"inputCheck": {isChestXray, reason, message, score, scoreThreshold, meanChroma}</c>, plus
    /// <c>"warning"</c> when the label was forced past a refusal.</summary>
    private static void WriteInputCheck(Utf8JsonWriter w, InputCheck check, bool forced)
    {
        w.WriteStartObject("inputCheck");
        w.WriteBoolean("isChestXray", check.IsChestXray);
        w.WriteString("reason", check.Reason);
        w.WriteString("message", check.Message);
        WriteNumberOrNull(w, "score", check.Score);
        WriteNumberOrNull(w, "scoreThreshold", check.ScoreThreshold is { } t ? Math.Round(t, 3) : null);
        w.WriteNumber("meanChroma", check.MeanChroma);
        w.WriteEndObject();
        if (forced)
        {
            w.WriteString("warning", $"Forced: {check.Message} The label is not a finding.");
        }
    }

    private static void WriteNumberOrNull(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    public static string ToCsv(IReadOnlyList<FileResult> results)
    {
        var text = new StringBuilder(CsvHeader).Append('\n');
        foreach (var r in results)
        {
            text.Append(Field(r.File)).Append(',')
                .Append(r.Label ?? "").Append(',')
                .Append(r.HasLabel ? Number(r.Probability, "R") : "").Append(',')
                .Append(r.HasLabel ? Number(r.Threshold, "R") : "").Append(',')
                .Append(r.HasLabel ? Number(r.Logit, "R") : "").Append(',')
                .Append(r.Succeeded ? Number(r.Timings!.TotalMs, "0.###") : "").Append(',')
                .Append(Field(r.HeatmapFile ?? "")).Append(',')
                .Append(r.Check is null ? "" : r.Check.IsChestXray ? "ok" : (r.Forced ? "forced:" : "refused:") + r.Check.Reason).Append(',')
                .Append(Field(r.Error ?? "")).Append('\n');
        }

        return text.ToString();
    }

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
