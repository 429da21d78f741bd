using System.Text.Json;
using Cxr.Inference;
using Cxr.Testing;
using SkiaSharp;

namespace Cxr.Cli.Tests.Commands;

[Collection(ConsoleCollection.Name)]
public sealed class PredictCommandTests
{
    private static string Val => Path.Combine(TestData.DataRoot, "val");

    [Fact]
    public async Task Predicts_a_folder_recursively_as_a_table_with_a_summary()
    {
        var run = await CliRun.RunAsync("predict", Val, "--model", TestModel.File);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("NORMAL2-IM-1427-0001.jpeg", run.Out, StringComparison.Ordinal);
        Assert.Contains("person1946_bacteria_4874.jpeg", run.Out, StringComparison.Ordinal);
        Assert.Contains("16 files: 16 predicted (", run.Out, StringComparison.Ordinal);
        Assert.Contains("0 failed · model synthetic-brightness 0.0.0-test", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_gives_the_predictors_answers_and_the_summary_goes_to_stderr()
    {
        var file = Path.Combine(Val, "PNEUMONIA", "person1946_bacteria_4874.jpeg");
        var run = await CliRun.RunAsync("predict", file, "--model", TestModel.File, "--format", "json");

        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        var result = Assert.Single(doc.RootElement.GetProperty("results").EnumerateArray());
        using var predictor = ChestXrayPredictor.Load(TestModel.File);
        var expected = predictor.PredictFile(file);
        Assert.Equal(file, result.GetProperty("file").GetString());
        Assert.Equal(expected.Label, result.GetProperty("label").GetString());
        Assert.Equal(expected.Probability, result.GetProperty("probability").GetDouble(), 1e-12);
        Assert.Equal(0.5, result.GetProperty("threshold").GetDouble());
        Assert.True(result.GetProperty("timings").GetProperty("totalMs").GetDouble() > 0);
        Assert.Equal("synthetic-brightness", doc.RootElement.GetProperty("model").GetProperty("name").GetString());
        Assert.Equal(1, doc.RootElement.GetProperty("summary").GetProperty("predicted").GetInt32());
        Assert.StartsWith("1 file: 1 predicted", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_has_one_row_per_file_and_globs_expand()
    {
        var run = await CliRun.RunAsync("predict", Path.Combine(Val, "**", "NORMAL2-IM-14[23]*.jpeg"), "--model", TestModel.File, "--format", "csv");

        Assert.Equal(0, run.ExitCode);
        var lines = run.Out.TrimEnd('\n').Split('\n');
        Assert.Equal("file,label,probability,threshold,logit,total_ms,heatmap,input_check,error", lines[0]);
        var files = lines[1..].Select(l => Path.GetFileName(l.Split(',')[0])).ToList();
        Assert.Equal(["NORMAL2-IM-1427-0001.jpeg", "NORMAL2-IM-1430-0001.jpeg", "NORMAL2-IM-1431-0001.jpeg", "NORMAL2-IM-1436-0001.jpeg", "NORMAL2-IM-1437-0001.jpeg", "NORMAL2-IM-1438-0001.jpeg"], files);
        Assert.All(lines[1..], l => Assert.Matches("^[^,]+,(NORMAL|PNEUMONIA),[0-9.E-]+,0.5,", l));
    }

    [Fact]
    public async Task A_bad_file_is_reported_and_the_batch_continues_with_exit_code_2()
    {
        using var folder = new TempFolder();
        var text = folder.Add("notes/readme.jpeg");
        var good = Path.Combine(Val, "NORMAL", "NORMAL2-IM-1427-0001.jpeg");
        var run = await CliRun.RunAsync("predict", good, text, folder.Path("missing.png"), "--model", TestModel.File, "--format", "json");

        Assert.Equal(2, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        var results = doc.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(3, results.Count);
        Assert.True(results[0].TryGetProperty("label", out _));
        Assert.Equal("unsupported_format", results[1].GetProperty("errorCode").GetString());
        Assert.Contains("plain text", results[1].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("no such file or folder", results[2].GetProperty("error").GetString());
        Assert.Contains("3 files: 1 predicted", run.Error, StringComparison.Ordinal);
        Assert.Contains(", 2 failed", run.Error, StringComparison.Ordinal);

        var table = await CliRun.RunAsync("predict", good, text, "--model", TestModel.File);
        Assert.Equal(2, table.ExitCode);
        Assert.Contains($"error: {text}: Unsupported image format", table.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Heatmaps_are_written_as_pngs_with_unique_names()
    {
        using var folder = new TempFolder();
        var source = Path.Combine(Val, "NORMAL", "NORMAL2-IM-1427-0001.jpeg");
        Directory.CreateDirectory(folder.Path("a"));
        Directory.CreateDirectory(folder.Path("b"));
        File.Copy(source, folder.Path("a/x.jpeg"));
        File.Copy(source, folder.Path("b/x.jpeg"));
        var run = await CliRun.RunAsync("predict", folder.Path("a"), folder.Path("b"), "--model", TestModel.File, "--heatmaps", folder.Path("maps"));

        Assert.Equal(0, run.ExitCode);
        var written = Directory.GetFiles(folder.Path("maps")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["x-2.heatmap.png", "x.heatmap.png"], written);
        foreach (var png in Directory.GetFiles(folder.Path("maps")))
        {
            using var bitmap = SKBitmap.Decode(png);
            Assert.NotNull(bitmap);
            Assert.True(bitmap.Width >= 448 && bitmap.Height > 448);
        }

        var plain = await CliRun.RunAsync("predict", source, "--model", TestModel.PlainFile, "--heatmaps", folder.Path("none"));
        Assert.Equal(1, plain.ExitCode);
        Assert.Contains("has no heatmap output", plain.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_threshold_can_be_overridden_and_is_checked()
    {
        var file = Path.Combine(Val, "NORMAL", "NORMAL2-IM-1427-0001.jpeg");
        var low = await CliRun.RunAsync("predict", file, "--model", TestModel.File, "--format", "csv", "--threshold", "0");
        var high = await CliRun.RunAsync("predict", file, "--model", TestModel.File, "--format", "csv", "--threshold", "1");
        Assert.Contains(",PNEUMONIA,", low.Out, StringComparison.Ordinal);
        Assert.Contains(",NORMAL,", high.Out, StringComparison.Ordinal);

        var bad = await CliRun.RunAsync("predict", file, "--model", TestModel.File, "--threshold", "1.5");
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("--threshold must be a probability in [0, 1]", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_a_model_is_one_plain_error_line()
    {
        using var folder = new TempFolder();
        var fake = folder.Add("model.onnx");
        var run = await CliRun.RunAsync("predict", Val, "--model", fake);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"error: {fake} is not an ONNX model", run.Error.Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predict_never_loads_torchsharp()
    {
        static bool IsTorch(string? name) => name?.StartsWith("TorchSharp", StringComparison.OrdinalIgnoreCase) == true;
        // This test project never loads TorchSharp itself (its model is written by hand), so a TorchSharp assembly
        // present after the run can only come from predict.
        var loadedBefore = AppDomain.CurrentDomain.GetAssemblies().Any(a => IsTorch(a.GetName().Name));
        var loadedDuring = new List<string>();
        void OnLoad(object? sender, AssemblyLoadEventArgs e)
        {
            lock (loadedDuring)
            {
                loadedDuring.Add(e.LoadedAssembly.GetName().Name ?? "");
            }
        }

        AppDomain.CurrentDomain.AssemblyLoad += OnLoad;
        try
        {
            var run = await CliRun.RunAsync("predict", Val, "--model", TestModel.File, "--heatmaps", Path.Combine(Path.GetTempPath(), $"cxr-maps-{Guid.NewGuid():N}"));
            Assert.Equal(0, run.ExitCode);
        }
        finally
        {
            AppDomain.CurrentDomain.AssemblyLoad -= OnLoad;
        }

        Assert.False(loadedBefore, "TorchSharp was loaded before predict ran; some other test in this project loads it");
        Assert.DoesNotContain(loadedDuring, IsTorch);
        Assert.DoesNotContain(AppDomain.CurrentDomain.GetAssemblies(), a => IsTorch(a.GetName().Name));
        Assert.Contains(AppDomain.CurrentDomain.GetAssemblies(), a => a.GetName().Name == "Microsoft.ML.OnnxRuntime");
    }
}
