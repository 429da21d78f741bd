using System.Text.Json;
using Cxr.Core.Data;
using Cxr.Inference;
using Cxr.Testing;
using SkiaSharp;

namespace Cxr.Cli.Tests.Commands;

[Collection(ConsoleCollection.Name)]
public sealed class EvaluateCommandTests
{
    private static readonly string[] MetricKeys =
        ["accuracy", "precision", "sensitivity", "specificity", "f1", "auc", "averagePrecision", "brier", "ece"];

    private static readonly string[] Plots = ["confusion_matrix.png", "roc.png", "precision_recall.png", "calibration.png"];

    [Fact]
    public async Task Val_metrics_match_a_straightforward_recount()
    {
        using var output = new TempFolder();
        var run = await CliRun.RunAsync("evaluate", "--model", TestModel.File, "--data", TestData.DataRoot, "--split", "val", "--out", output.Root);
        Assert.Equal(0, run.ExitCode);

        // Recount: every val image predicted on its own, label from its folder, every metric from its definition.
        using var predictor = ChestXrayPredictor.Load(TestModel.File);
        var files = Directory.GetFiles(Path.Combine(TestData.DataRoot, "val"), "*.jpeg", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var labels = files.Select(f => Path.GetFileName(Path.GetDirectoryName(f)) == "PNEUMONIA" ? 1 : 0).ToArray();
        var p = files.Select(f => predictor.PredictFile(f, new PredictionRequest(Heatmap: false)).Probability).ToArray();
        const double t = 0.5;
        int tp = 0, fp = 0, tn = 0, fn = 0;
        for (var i = 0; i < p.Length; i++)
        {
            var positive = p[i] >= t;
            if (labels[i] == 1) { if (positive) { tp++; } else { fn++; } }
            else if (positive) { fp++; }
            else { tn++; }
        }

        using var doc = JsonDocument.Parse(File.ReadAllText(output.Path("metrics.json")));
        var m = doc.RootElement;
        Assert.Equal(16, m.GetProperty("n").GetInt32());
        Assert.Equal(t, m.GetProperty("threshold").GetDouble());
        Assert.Equal(tp, m.GetProperty("tp").GetInt32());
        Assert.Equal(fp, m.GetProperty("fp").GetInt32());
        Assert.Equal(tn, m.GetProperty("tn").GetInt32());
        Assert.Equal(fn, m.GetProperty("fn").GetInt32());
        Assert.True(tp + fn == 8 && tn + fp == 8);
        Assert.True(tp > 0 && tn > 0 && (fp + fn) > 0, $"want a non-trivial confusion matrix, got TP {tp} FP {fp} TN {tn} FN {fn}");
        AssertNumber((tp + tn) / 16.0, m, "accuracy");
        AssertNumber(tp / (double)(tp + fp), m, "precision");
        AssertNumber(tp / 8.0, m, "sensitivity");
        AssertNumber(tn / 8.0, m, "specificity");
        AssertNumber(2.0 * tp / ((2 * tp) + fp + fn), m, "f1");
        AssertNumber(Auc(labels, p), m, "auc");
        AssertNumber(AveragePrecision(labels, p), m, "averagePrecision");
        AssertNumber(p.Select((v, i) => (v - labels[i]) * (v - labels[i])).Average(), m, "brier");
        AssertNumber(Ece(labels, p), m, "ece");

        var ci = m.GetProperty("ci95");
        Assert.Equal(MetricKeys, ci.EnumerateObject().Select(e => e.Name));
        foreach (var key in MetricKeys)
        {
            var interval = ci.GetProperty(key);
            if (interval.GetProperty("lower").ValueKind == JsonValueKind.Number)
            {
                Assert.True(interval.GetProperty("lower").GetDouble() <= interval.GetProperty("upper").GetDouble(), key);
            }
        }

        var bacteria = files.Select((f, i) => (f, i)).Where(x => x.f.Contains("bacteria", StringComparison.Ordinal)).ToList();
        var subtypes = m.GetProperty("bySubtype");
        Assert.Equal(bacteria.Count, subtypes.GetProperty("bacteria").GetProperty("n").GetInt32());
        Assert.Equal(bacteria.Count(x => p[x.i] >= t), subtypes.GetProperty("bacteria").GetProperty("detected").GetInt32());
        Assert.Equal(0, subtypes.GetProperty("virus").GetProperty("n").GetInt32());
        Assert.Equal(JsonValueKind.Null, subtypes.GetProperty("virus").GetProperty("sensitivity").ValueKind);

        var wrong = Enumerable.Range(0, 16).Where(i => (p[i] >= t) != (labels[i] == 1))
            .Select(i => Path.GetRelativePath(TestData.DataRoot, files[i])).Order(StringComparer.Ordinal).ToList();
        var listed = m.GetProperty("misclassified").EnumerateArray().ToList();
        Assert.Equal(wrong, listed.Select(x => x.GetProperty("file").GetString()!).Order(StringComparer.Ordinal));
        foreach (var x in listed)
        {
            var i = files.IndexOf(Path.Combine(TestData.DataRoot, x.GetProperty("file").GetString()!));
            Assert.Equal(p[i], x.GetProperty("probability").GetDouble(), 1e-12);
            Assert.Equal(labels[i] == 1 ? "PNEUMONIA" : "NORMAL", x.GetProperty("label").GetString());
        }

        Assert.Contains("accuracy", run.Out, StringComparison.Ordinal);
        Assert.Contains($"{tp} / {fp} / {tn} / {fn}", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writes_a_report_and_four_valid_pngs()
    {
        using var output = new TempFolder();
        var run = await CliRun.RunAsync("evaluate", "--model", TestModel.File, "--data", TestData.DataRoot, "--split", "val", "--out", output.Root, "--bootstrap", "200");
        Assert.Equal(0, run.ExitCode);

        foreach (var plot in Plots)
        {
            var bytes = File.ReadAllBytes(output.Path(plot));
            Assert.True(bytes.Length > 1000, $"{plot} has {bytes.Length} bytes");
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
            using var bitmap = SKBitmap.Decode(bytes);
            Assert.NotNull(bitmap);
            Assert.True(bitmap.Width >= 400 && bitmap.Height >= 400, plot);
            // Not blank: more than one colour.
            Assert.True(bitmap.Pixels.Distinct().Skip(1).Any(), $"{plot} is a single colour");
        }

        var report = File.ReadAllText(output.Path("report.md"));
        Assert.StartsWith("# Evaluation of synthetic-brightness 0.0.0-test on val", report, StringComparison.Ordinal);
        Assert.Contains("| ROC AUC |", report, StringComparison.Ordinal);
        Assert.All(Plots, plot => Assert.Contains($"]({plot})", report, StringComparison.Ordinal));
        using var doc = JsonDocument.Parse(File.ReadAllText(output.Path("metrics.json")));
        Assert.Equal(200, doc.RootElement.GetProperty("bootstrap").GetProperty("iterations").GetInt32());
    }

    [Fact]
    public async Task A_manifest_split_gives_the_same_numbers_as_the_data_root()
    {
        using var output = new TempFolder();
        var records = DatasetScanner.Scan(TestData.DataRoot, computeHashes: false).Records.Where(r => r.Split == "val").ToList();
        Manifest.Write(output.Path("manifest.csv"), records);

        var fromManifest = await CliRun.RunAsync("evaluate", "--model", TestModel.File, "--manifest", output.Path("manifest.csv"), "--split", "val", "--out", output.Path("m"));
        var fromData = await CliRun.RunAsync("evaluate", "--model", TestModel.File, "--data", TestData.DataRoot, "--split", "val", "--out", output.Path("d"));
        Assert.Equal(0, fromManifest.ExitCode);
        Assert.Equal(0, fromData.ExitCode);

        using var a = JsonDocument.Parse(File.ReadAllText(output.Path("m/metrics.json")));
        using var b = JsonDocument.Parse(File.ReadAllText(output.Path("d/metrics.json")));
        foreach (var key in new[] { "n", "tp", "fp", "tn", "fn", "auc", "brier" })
        {
            Assert.Equal(b.RootElement.GetProperty(key).GetRawText(), a.RootElement.GetProperty(key).GetRawText());
        }
    }

    [Fact]
    public async Task A_missing_split_or_ambiguous_source_is_one_plain_error()
    {
        var missing = await CliRun.RunAsync("evaluate", "--model", TestModel.File, "--data", TestData.DataRoot);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("No images in split 'test'", missing.Error, StringComparison.Ordinal);
        Assert.Contains("val 16", missing.Error, StringComparison.Ordinal);

        var both = await CliRun.RunAsync("evaluate", "--model", TestModel.File, "--data", TestData.DataRoot, "--manifest", "m.csv");
        Assert.Equal(1, both.ExitCode);
        Assert.Contains("Give exactly one of --data ROOT and --manifest FILE.", both.Error, StringComparison.Ordinal);
    }

    private static void AssertNumber(double expected, JsonElement metrics, string key) =>
        Assert.True(Math.Abs(expected - metrics.GetProperty(key).GetDouble()) < 1e-12, $"{key}: recount {expected}, metrics.json {metrics.GetProperty(key).GetDouble()}");

    // Mann–Whitney: share of (positive, negative) pairs ranked correctly, ties count 1/2.
    private static double Auc(int[] labels, double[] p)
    {
        double wins = 0;
        var pairs = 0;
        for (var i = 0; i < p.Length; i++)
        {
            for (var j = 0; j < p.Length; j++)
            {
                if (labels[i] == 1 && labels[j] == 0)
                {
                    pairs++;
                    wins += p[i] > p[j] ? 1 : p[i] == p[j] ? 0.5 : 0;
                }
            }
        }

        return wins / pairs;
    }

    // scikit-learn's definition: sum over distinct thresholds (high to low) of (recall step) × precision.
    private static double AveragePrecision(int[] labels, double[] p)
    {
        var positives = labels.Sum();
        double ap = 0, previousRecall = 0;
        foreach (var threshold in p.Distinct().OrderDescending())
        {
            var selected = Enumerable.Range(0, p.Length).Where(i => p[i] >= threshold).ToList();
            var tp = selected.Count(i => labels[i] == 1);
            var recall = tp / (double)positives;
            ap += (recall - previousRecall) * (tp / (double)selected.Count);
            previousRecall = recall;
        }

        return ap;
    }

    // 10 equal-width bins [k/10, (k+1)/10), p = 1 in the last: Σ |mean p − share positive| × bin size / n.
    private static double Ece(int[] labels, double[] p)
    {
        double ece = 0;
        for (var k = 0; k < 10; k++)
        {
            var members = Enumerable.Range(0, p.Length).Where(i => Math.Min((int)(p[i] * 10), 9) == k).ToList();
            if (members.Count > 0)
            {
                ece += Math.Abs(members.Average(i => p[i]) - members.Average(i => (double)labels[i])) * members.Count / p.Length;
            }
        }

        return ece;
    }
}
