using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Cxr.Cli.Predictions;
using Cxr.Core.Contracts;
using Cxr.Inference;
using Spectre.Console;

namespace Cxr.Cli.Commands;

/// <summary><c>cxr model info [FILE] [--json]</c>: a model's identity, input spec, operating threshold, calibration and
/// validation metrics, read from its ONNX metadata (the model is loaded and checked, not just parsed).</summary>
public static class ModelInfoCommand
{
    // Shown in their own sections (or too long for the table); --json prints everything.
    private static string DescribeGuard(InputGuardSpec guard)
    {
        var checks = string.Create(CultureInfo.InvariantCulture,
            $"refuses colour (mean chroma > {guard.MaxMeanChroma:0.###}), aspect ratio > {guard.MaxAspectRatio:0.##}:1, contrast < {guard.MinContrast:0.###}");
        return guard.HasDistances
            ? string.Create(CultureInfo.InvariantCulture,
                $"{checks}; Mahalanobis distance of the features to {string.Join(", ", guard.References)}: refuses nearest-rotated/inverted, " +
                $"and distance > {guard.DistanceThreshold:0.###} ({guard.Percentile:0.#}th percentile of {guard.FitImages:N0} training films)")
            : checks + "; no learned distance guard in this model";
    }

    /// <summary>The architecture, and for an ensemble what it is made of and what its outputs mean.</summary>
    internal static string DescribeArchitecture(ModelInfo model) => model.Ensemble is { } ensemble
        ? string.Create(CultureInfo.InvariantCulture,
            $"ensemble of {ensemble.Members} {model.Architecture} members (seeds {string.Join(", ", ensemble.Seeds)}, on patient-grouped folds drawn with seed {ensemble.FoldSeed}): " +
            $"logit and heatmap are the members' means, {OnnxModelContract.MemberSpreadOutput} the standard deviation of their calibrated probabilities; calibrated {ensemble.Calibration}")
        : model.Architecture;

    /// <summary>What the load-time self-test compared and found, in one phrase.</summary>
    internal static string DescribeSelfTest(ModelSelfTestResult result)
    {
        var guard = result.MaxGuardDeviation is { } g ? string.Create(CultureInfo.InvariantCulture, $", guard distances {g:0.#e0}") : string.Empty;
        var spread = result.MaxMemberSpreadDeviation is { } m ? string.Create(CultureInfo.InvariantCulture, $", member spread {m:0.#e0}") : string.Empty;
        return string.Create(CultureInfo.InvariantCulture,
            $"weights sha256 matches; {result.ProbeImages} probe images through ONNX Runtime vs TorchSharp at export: max |Δ| logit {result.MaxLogitDeviation:0.#e0}, features {result.MaxFeatureDeviation:0.#e0}{guard}{spread}, tolerance {result.Tolerance:0.#e0} relative; {result.ElapsedMs:0} ms");
    }

    /// <summary>Card entries the table does not summarise in its own rows, under their keys, plus the entries this build
    /// does not know (kept and shown, never dropped).</summary>
    private static SortedDictionary<string, string> OtherRows(ModelCard card)
    {
        var rows = new SortedDictionary<string, string>(card.OtherEntries.ToDictionary(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var (key, value) in new[]
        {
            (ModelMetadataKeys.ManifestSha256, card.ManifestSha256), (ModelMetadataKeys.TrainCommand, card.TrainCommand),
            (ModelMetadataKeys.WeightsSha256, card.WeightsSha256), (ModelMetadataKeys.UpgradedFrom, card.UpgradedFrom),
        })
        {
            if (value is not null)
            {
                rows[key] = value;
            }
        }

        return rows;
    }

    public static Command Create()
    {
        var file = new Argument<string?>("FILE") { Description = $"ONNX model file (default: {DefaultModel.RelativePath}).", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "Print the model information and every metadata entry as JSON." };
        var command = new Command("info", "Show a model's metadata, input spec, threshold and validation metrics.") { file, json };
        command.SetAction(parse => Run(parse.GetValue(file), parse.GetValue(json)));
        return command;
    }

    private static int Run(string? file, bool json)
    {
        using var predictor = ChestXrayPredictor.Load(DefaultModel.Resolve(file), new PredictorOptions(WarmUp: false));
        var model = predictor.Model;
        var console = DataConsole.Get();
        if (json)
        {
            var writer = console.Profile.Out.Writer;
            writer.Write(ToJson(model));
            writer.Flush();
            return 0;
        }

        console.MarkupLine($"[bold]{Markup.Escape(model.Name)}[/] {Markup.Escape(model.Version)}  ({Markup.Escape(model.Source)})");
        var table = new Table().Border(TableBorder.Rounded).AddColumn("property").AddColumn("value");
        var spec = model.Preprocess;
        var rows = new List<(string, string)>
        {
            ("file", $"{model.FileBytes:N0} bytes, sha256 {model.Sha256}"),
            ("architecture", DescribeArchitecture(model)),
            ("input", $"image float [N,{spec.Channels},{spec.Size},{spec.Size}] in [0,1] · {spec.Mode.ToString().ToLowerInvariant()} resize, BT.601 luminance, "
                + (spec.Trim.IsEnabled ? $"trim {spec.Trim}, " : string.Empty)
                + "antialiased bilinear"
                + (spec.Contrast.IsNone ? string.Empty : $", then contrast {spec.Contrast}")),
            ("labels", string.Join(", ", model.Labels.Select((l, i) => $"{i} = {l}"))),
            ("threshold", $"{F(model.Threshold, "0.####")} on calibrated P(pneumonia) ({model.ThresholdPolicy})"),
            ("temperature", $"{F(model.Temperature, "0.####")} (probability = sigmoid(logit / T){(model.Temperature == 1 ? ", uncalibrated" : "")})"),
            ("heatmap", model.HeatmapGrid is { } g ? $"{g.Height} × {g.Width} class-activation grid (logit units)" : model.HasHeatmap ? "yes" : "none (no global-average-pool head)"),
            ("outputs", string.Join(", ", model.Outputs)),
            ("input guard", DescribeGuard(model.Guard)),
            ("self-test", model.SelfTest is { } selfTest ? $"passed ({DescribeSelfTest(selfTest)})" : "not run"),
            ("trained", model.TrainedUtc ?? "unknown"),
        };
        rows.AddRange(OtherRows(model.Card).Select(kv => (kv.Key, kv.Value)));
        foreach (var (key, value) in rows)
        {
            table.AddRow(Markup.Escape(key), Markup.Escape(value));
        }

        console.Write(table);
        if (model.ValidationMetricsJson is { } metrics)
        {
            console.MarkupLine(model.Ensemble is null
                ? "validation metrics (at the stored threshold, as recorded by training):"
                : "validation metrics (out-of-fold: each training film scored by the member that did not train on it; at the stored threshold, as recorded by training):");
            console.Write(MetricsTable(metrics));
        }
        else
        {
            console.MarkupLine("validation metrics: [grey]not recorded in this model[/]");
        }

        return 0;
    }

    private static Table MetricsTable(string json)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("metric").AddColumn(new TableColumn("value").RightAligned());
        try
        {
            using var doc = JsonDocument.Parse(json);
            // Scalars only: nested objects (e.g. the counts again) repeat what the table shows; --json has them.
            foreach (var p in doc.RootElement.EnumerateObject().Where(p => p.Value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array)))
            {
                var value = p.Value.ValueKind switch
                {
                    JsonValueKind.Number when p.Value.TryGetInt64(out var n) => n.ToString(CultureInfo.InvariantCulture),
                    JsonValueKind.Number => F(p.Value.GetDouble(), "0.0000"),
                    JsonValueKind.String => p.Value.GetString() ?? "",
                    _ => p.Value.GetRawText(),
                };
                table.AddRow(Markup.Escape(p.Name), Markup.Escape(value));
            }
        }
        catch (JsonException)
        {
            table.AddRow("(not JSON)", Markup.Escape(json));
        }

        return table;
    }

    private static string ToJson(ModelInfo model)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("source", model.Source);
            w.WriteString("name", model.Name);
            w.WriteString("version", model.Version);
            w.WriteString("sha256", model.Sha256);
            w.WriteNumber("fileBytes", model.FileBytes);
            w.WriteString("architecture", model.Architecture);
            if (model.Ensemble is { } ensemble)
            {
                w.WritePropertyName("ensemble");
                w.WriteRawValue(ensemble.ToJson());
            }

            w.WritePropertyName("preprocess");
            w.WriteRawValue(model.Preprocess.ToJson());
            w.WriteStartArray("labels");
            model.Labels.ToList().ForEach(w.WriteStringValue);
            w.WriteEndArray();
            w.WriteNumber("threshold", model.Threshold);
            w.WriteString("thresholdPolicy", model.ThresholdPolicy);
            w.WriteNumber("temperature", model.Temperature);
            w.WriteString("trainedUtc", model.TrainedUtc);
            w.WriteBoolean("hasHeatmap", model.HasHeatmap);
            w.WriteStartArray("outputs");
            model.Outputs.ToList().ForEach(w.WriteStringValue);
            w.WriteEndArray();
            if (model.SelfTest is { } selfTest)
            {
                w.WriteStartObject("selfTest");
                w.WriteString("result", "passed");
                w.WriteString("weightsSha256", selfTest.WeightsSha256);
                w.WriteNumber("probeImages", selfTest.ProbeImages);
                w.WriteNumber("tolerance", selfTest.Tolerance);
                w.WriteNumber("maxLogitDeviation", selfTest.MaxLogitDeviation);
                w.WriteNumber("maxFeatureDeviation", selfTest.MaxFeatureDeviation);
                if (selfTest.MaxGuardDeviation is { } guard)
                {
                    w.WriteNumber("maxGuardDeviation", guard);
                }

                if (selfTest.MaxMemberSpreadDeviation is { } spread)
                {
                    w.WriteNumber("maxMemberSpreadDeviation", spread);
                }

                w.WriteNumber("elapsedMs", Math.Round(selfTest.ElapsedMs, 3));
                w.WriteEndObject();
            }

            w.WritePropertyName("validation");
            if (model.ValidationMetricsJson is { } metrics && IsJson(metrics))
            {
                w.WriteRawValue(metrics);
            }
            else
            {
                w.WriteNullValue();
            }

            w.WriteStartObject("metadata");
            foreach (var (key, value) in model.Metadata)
            {
                w.WriteString(key, value);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
