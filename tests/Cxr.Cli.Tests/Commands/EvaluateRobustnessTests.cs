using System.Text.Json;
using Cxr.Core.Data;
using Cxr.Core.Imaging;
using Cxr.Core.Imaging.Perturbations;
using Cxr.Inference;
using Cxr.Testing.Images;
using SkiaSharp;

namespace Cxr.Cli.Tests.Commands;

/// <summary><c>cxr evaluate --robustness</c> end to end on a small drawn, labelled folder with the synthetic brightness
/// model (P(pneumonia) rises with mean brightness), so each change's direction is known in advance.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class EvaluateRobustnessTests
{
    private static readonly string[] RowKeys =
    [
        "name", "description", "auc", "sensitivity", "specificity", "deltaAuc", "deltaSensitivity", "deltaSpecificity",
        "meanAbsDeltaProbability", "maxAbsDeltaProbability", "flipped", "flippedToPneumonia", "flippedToNormal",
    ];

    [Fact]
    public async Task A_folder_and_its_manifest_get_the_same_table_in_metrics_json_the_report_and_a_png()
    {
        using var folder = new TempFolder();
        var data = LabelledFolder(folder.Path("data"));
        static bool IsTorch(string? name) => name?.StartsWith("TorchSharp", StringComparison.OrdinalIgnoreCase) == true;
        var run = await CliRun.RunAsync("evaluate", "--model", TestModel.File, "--data", data, "--split", "all", "--robustness", "--out", folder.Path("d"), "--bootstrap", "50");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.DoesNotContain(AppDomain.CurrentDomain.GetAssemblies(), a => IsTorch(a.GetName().Name));

        using var doc = JsonDocument.Parse(File.ReadAllText(folder.Path("d/metrics.json")));
        var m = doc.RootElement;
        var robustness = m.GetProperty("robustness");
        Assert.Equal(m.GetProperty("threshold").GetDouble(), robustness.GetProperty("threshold").GetDouble());
        foreach (var key in new[] { "auc", "sensitivity", "specificity" })
        {
            Assert.Equal(m.GetProperty(key).GetDouble(), robustness.GetProperty("baseline").GetProperty(key).GetDouble());
        }

        var rows = robustness.GetProperty("perturbations").EnumerateArray().ToList();
        Assert.Equal(PerturbationCatalogue.Standard.Select(p => p.Name), rows.Select(r => r.GetProperty("name").GetString()));
        Assert.All(rows, r => Assert.Equal(RowKeys, r.EnumerateObject().Select(p => p.Name)));
        Assert.All(rows, r => Assert.Equal(
            r.GetProperty("flipped").GetInt32(), r.GetProperty("flippedToPneumonia").GetInt32() + r.GetProperty("flippedToNormal").GetInt32()));
        Assert.All(rows, r => Assert.Equal(
            r.GetProperty("sensitivity").GetDouble() - m.GetProperty("sensitivity").GetDouble(), r.GetProperty("deltaSensitivity").GetDouble(), 1e-12));

        // Brighter mid-tones can only raise this model's probabilities, a black frame can only lower them.
        var brighter = Row(rows, "gamma-0.8");
        Assert.Equal(0, brighter.GetProperty("flippedToNormal").GetInt32());
        Assert.True(brighter.GetProperty("flippedToPneumonia").GetInt32() > 0, "gamma 0.8 should push some NORMAL film over the threshold");
        Assert.True(brighter.GetProperty("deltaSpecificity").GetDouble() < 0);
        var framed = Row(rows, "border-8");
        Assert.Equal(0, framed.GetProperty("flippedToPneumonia").GetInt32());
        Assert.True(framed.GetProperty("flippedToNormal").GetInt32() > 0, "a black frame should pull some PNEUMONIA film under the threshold");

        // The gamma row recomputed by hand: decode, change, resize, predict, compare with the unperturbed prediction.
        var expected = Recount(data, new Gamma("gamma-0.8", 0.8), m.GetProperty("threshold").GetDouble());
        Assert.Equal(expected.MeanAbsDelta, brighter.GetProperty("meanAbsDeltaProbability").GetDouble(), 1e-12);
        Assert.Equal(expected.Specificity, brighter.GetProperty("specificity").GetDouble(), 1e-12);
        Assert.Equal(expected.ToPneumonia, brighter.GetProperty("flippedToPneumonia").GetInt32());

        AssertPng(folder.Path("d/robustness.png"));
        var report = File.ReadAllText(folder.Path("d/report.md"));
        Assert.Contains("## Robustness to acquisition changes", report, StringComparison.Ordinal);
        Assert.Contains("| `gamma-0.8` |", report, StringComparison.Ordinal);
        Assert.Contains("](robustness.png)", report, StringComparison.Ordinal);
        Assert.Contains("robustness at threshold 0.500", run.Out, StringComparison.Ordinal);
        Assert.Contains("│ border-8 ", run.Out, StringComparison.Ordinal);
        Assert.Contains("and 5 figures", run.Out, StringComparison.Ordinal);

        var records = DatasetScanner.Scan(data, computeHashes: false).Records;
        Manifest.Write(folder.Path("manifest.csv"), records);
        var fromManifest = await CliRun.RunAsync("evaluate", "--model", TestModel.File, "--manifest", folder.Path("manifest.csv"), "--split", "all", "--robustness", "--out", folder.Path("m"), "--bootstrap", "50");
        Assert.True(fromManifest.ExitCode == 0, fromManifest.Error);
        using var other = JsonDocument.Parse(File.ReadAllText(folder.Path("m/metrics.json")));
        Assert.Equal(
            robustness.GetProperty("perturbations").GetRawText(),
            other.RootElement.GetProperty("robustness").GetProperty("perturbations").GetRawText());
        AssertPng(folder.Path("m/robustness.png"));
    }

    [Fact]
    public async Task Perturbations_picks_a_subset_in_catalogue_order_and_without_the_flag_there_is_no_table()
    {
        using var folder = new TempFolder();
        var data = LabelledFolder(folder.Path("data"));
        var subset = await CliRun.RunAsync("evaluate", "--model", TestModel.File, "--data", data, "--split", "all", "--robustness", "--perturbations", "JPEG-50, rotate+5", "--out", folder.Path("s"), "--bootstrap", "50");
        Assert.True(subset.ExitCode == 0, subset.Error);
        using (var doc = JsonDocument.Parse(File.ReadAllText(folder.Path("s/metrics.json"))))
        {
            var names = doc.RootElement.GetProperty("robustness").GetProperty("perturbations").EnumerateArray().Select(r => r.GetProperty("name").GetString());
            Assert.Equal(["rotate+5", "jpeg-50"], names);
        }

        var plain = await CliRun.RunAsync("evaluate", "--model", TestModel.File, "--data", data, "--split", "all", "--out", folder.Path("p"), "--bootstrap", "50");
        Assert.Equal(0, plain.ExitCode);
        using var plainDoc = JsonDocument.Parse(File.ReadAllText(folder.Path("p/metrics.json")));
        Assert.False(plainDoc.RootElement.TryGetProperty("robustness", out _));
        Assert.False(File.Exists(folder.Path("p/robustness.png")));
        Assert.DoesNotContain("Robustness", File.ReadAllText(folder.Path("p/report.md")), StringComparison.Ordinal);
        Assert.Contains("and 4 figures", plain.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--perturbations chooses from the --robustness set; add --robustness.", "--perturbations", "rotate+5")]
    [InlineData("--perturbations: 'rotate+45' is not in the set (rotate-10, ", "--robustness", "--perturbations", "rotate+5,rotate+45")]
    [InlineData("--perturbations needs at least one name: rotate-10, ", "--robustness", "--perturbations", " , ")]
    public async Task A_bad_choice_of_perturbations_is_one_sentence_and_exit_code_1(string message, params string[] options)
    {
        using var folder = new TempFolder();
        var data = LabelledFolder(folder.Path("data"));
        var run = await CliRun.RunAsync(["evaluate", "--model", TestModel.File, "--data", data, "--split", "all", "--out", folder.Path("o"), .. options]);
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: " + message, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(Directory.Exists(folder.Path("o")), "nothing is written before the options are checked");
    }

    /// <summary>NORMAL/ and PNEUMONIA/ with 6 drawn films each (96 px, so the 64 px model sees them shrunk), levelled to
    /// mean gray values that overlap around the model's threshold (mean 127.5 ↔ P = 0.5).</summary>
    private static string LabelledFolder(string root)
    {
        int[] normal = [96, 108, 118, 124, 134, 146];
        int[] pneumonia = [112, 122, 131, 137, 148, 160];
        Write(Path.Combine(root, "NORMAL"), normal, i => $"IM-{i + 1:0000}-0001.png");
        Write(Path.Combine(root, "PNEUMONIA"), pneumonia, i => $"person{i + 1}_bacteria_{i + 1}.png");
        return root;

        static void Write(string folder, int[] means, Func<int, string> name)
        {
            Directory.CreateDirectory(folder);
            for (var i = 0; i < means.Length; i++)
            {
                var pixels = SyntheticRadiograph.Pixels(96, 96, seed: i + 1);
                var shift = means[i] - pixels.Average(p => (double)p);
                var levelled = pixels.Select(p => (byte)Math.Clamp(Math.Round(p + shift), 0, 255)).ToArray();
                File.WriteAllBytes(Path.Combine(folder, name(i)), SkiaEncoder.Gray(96, 96, levelled, SKEncodedImageFormat.Png));
            }
        }
    }

    private static (double MeanAbsDelta, double Specificity, int ToPneumonia) Recount(string data, FilmPerturbation perturbation, double threshold)
    {
        using var predictor = ChestXrayPredictor.Load(TestModel.File);
        var request = new PredictionRequest(threshold, Heatmap: false);
        var records = DatasetScanner.Scan(data, computeHashes: false).Records;
        double sum = 0;
        int normals = 0, normalsKept = 0, toPneumonia = 0;
        foreach (var record in records)
        {
            var bytes = File.ReadAllBytes(record.Path);
            var before = predictor.Predict(bytes, request).Probability;
            var changed = perturbation.Apply(predictor.Pipeline.DecodeGray(bytes), predictor.Model.Preprocess);
            var after = predictor.PredictBatch([predictor.Pipeline.Process(changed, ImageFormat.Png)], request)[0].Probability;
            sum += Math.Abs(after - before);
            toPneumonia += before < threshold && after >= threshold ? 1 : 0;
            if (record.Label == CxrLabel.Normal)
            {
                normals++;
                normalsKept += after < threshold ? 1 : 0;
            }
        }

        return (sum / records.Count, normalsKept / (double)normals, toPneumonia);
    }

    private static JsonElement Row(List<JsonElement> rows, string name) => rows.Single(r => r.GetProperty("name").GetString() == name);

    private static void AssertPng(string path)
    {
        var bytes = File.ReadAllBytes(path);
        using var bitmap = SKBitmap.Decode(bytes);
        Assert.NotNull(bitmap);
        Assert.True(bitmap.Width >= 600 && bitmap.Height >= 400, $"{bitmap.Width} × {bitmap.Height}");
        Assert.True(bitmap.Pixels.Distinct().Skip(1).Any(), "robustness.png is a single colour");
    }
}
