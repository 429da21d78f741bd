using System.Text.RegularExpressions;
using Cxr.Cli.Tests.Infrastructure;
using Cxr.Core.Contracts;
using Cxr.Core.Data;
using Cxr.Core.Imaging;
using Cxr.Inference;
using Cxr.Testing;
using Microsoft.ML.OnnxRuntime;
using Xunit.Abstractions;

namespace Cxr.Cli.Tests.Commands;

/// <summary><c>cxr train --contrast</c>: a tiny real run (child process, it loads TorchSharp) exports a model whose
/// preprocessing carries the step, passes its self-test in ONNX Runtime, and is served with the step applied.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class TrainContrastTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_clahe_model_trains_exports_passes_its_self_test_and_is_served_with_clahe()
    {
        var manifest = WriteManifest();
        var outDir = _folder.Path("run");
        var run = await CxrProcess.RunAsync(_folder.Root, [
            "train", "--manifest", manifest, "--size", "64", "--epochs", "1", "--steps-per-epoch", "2", "--batch", "8",
            "--threads", "1", "--contrast", "clahe", "--clahe-grid", "4", "--cache", "none", "--out", outDir,
        ], TimeSpan.FromMinutes(5));
        output.WriteLine(run.Out);
        output.WriteLine(run.Error);
        Assert.Equal(0, run.ExitCode);
        // The child's console wraps at 80 columns.
        var said = Regex.Replace(run.Out, @"\s+", " ");
        Assert.Contains("contrast clahe (clip limit 2, 4 × 4 tiles)", said, StringComparison.Ordinal);
        Assert.Contains("Self-test in ONNX Runtime: passed", said, StringComparison.Ordinal);

        var modelPath = Path.Combine(outDir, "model.onnx");
        using var predictor = ChestXrayPredictor.Load(modelPath, new PredictorOptions(IntraOpThreads: 1, WarmUp: false));
        var expectedStep = ContrastStep.Clahe(2, 4);
        Assert.Equal(expectedStep, predictor.Model.Preprocess.Contrast);
        Assert.NotNull(predictor.Model.SelfTest);
        Assert.Contains("\"contrast\":{\"method\":\"clahe\",\"clip\":2,\"grid\":4}", predictor.Model.Card.TrainOptionsJson, StringComparison.Ordinal);

        // The served input is CLAHE of the resized film, / 255, and it is what reaches the graph.
        var film = TinyFilm();
        var prediction = predictor.Predict(File.ReadAllBytes(film));
        var resized = new ImagePipeline(new PreprocessSpec(64)).ProcessFile(film).Resized;
        var equalised = expectedStep.Apply(resized);
        Assert.Equal(resized.Pixels, prediction.Image.ResizedBeforeContrast.Pixels);
        Assert.Equal(equalised.Pixels, prediction.Image.Resized.Pixels);
        Assert.Equal(equalised.Pixels.Select(p => p / 255f).ToArray(), prediction.Image.Tensor);
        var onEqualised = Logit(modelPath, prediction.Image.Tensor);
        var onFilm = Logit(modelPath, resized.Pixels.Select(p => p / 255f).ToArray());
        Assert.Equal(onEqualised, prediction.Logit, 5);
        Assert.NotEqual(onFilm, onEqualised);

        var info = await CliRun.RunAsync("model", "info", modelPath);
        Assert.Equal(0, info.ExitCode);
        Assert.Contains("then contrast clahe (clip limit 2, 4 × 4 tiles)", info.Out, StringComparison.Ordinal);
        var json = await CliRun.RunAsync("model", "info", modelPath, "--json");
        Assert.Contains("\"contrast\":{\"method\":\"clahe\",\"clip\":2,\"grid\":4}", json.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--contrast", "gamma" }, "Unknown --contrast 'gamma'. Choose one of: none, histeq, clahe.")]
    [InlineData(new[] { "--clahe-clip", "3" }, "--clahe-clip applies only with --contrast clahe (the contrast step is none).")]
    [InlineData(new[] { "--contrast", "histeq", "--clahe-grid", "4" }, "--clahe-grid applies only with --contrast clahe (the contrast step is histeq).")]
    [InlineData(new[] { "--contrast", "clahe", "--clahe-clip", "0" }, "--clahe-clip must be in (0, 256] (a multiple of a flat histogram's bin, e.g. 2); got 0.")]
    [InlineData(new[] { "--contrast", "clahe", "--clahe-grid", "40", "--size", "64" }, "--clahe-grid must be 1 to 32 at --size 64 (tiles of at least 2 pixels); got 40.")]
    public async Task Bad_contrast_flags_are_refused_with_one_sentence(string[] flags, string message)
    {
        var run = await CxrProcess.RunAsync(_folder.Root, ["train", "--manifest", "none.csv", "--out", _folder.Path("bad"), .. flags]);
        Assert.Equal(CxrApp.ExitUserError, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder.Path("bad")), "nothing is written for refused flags");
    }

    private static string TinyFilm() =>
        TestData.FirstValidationFilm("PNEUMONIA");

    private static float Logit(string modelPath, float[] tensor)
    {
        using var session = new InferenceSession(modelPath);
        using var input = OrtValue.CreateTensorValueFromMemory(tensor, [1, 1, 64, 64]);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, [OnnxModelContract.ImageInput], [input], [OnnxModelContract.LogitOutput]);
        return outputs[0].GetTensorDataAsSpan<float>()[0];
    }

    private string WriteManifest()
    {
        var records = new List<ImageRecord>();
        foreach (var (folder, label) in new[] { ("NORMAL", CxrLabel.Normal), ("PNEUMONIA", CxrLabel.Pneumonia) })
        {
            var files = Directory.GetFiles(Path.Combine(TestData.DataRoot, "train", folder), "*.jpeg").Order(StringComparer.Ordinal).Take(8).ToList();
            records.AddRange(files.Select((f, i) => new ImageRecord(
                f, label, label == CxrLabel.Normal ? "normal" : "unknown", Path.GetFileNameWithoutExtension(f), "", i < 6 ? SplitNames.Train : SplitNames.Validation)));
        }

        var path = _folder.Path("manifest.csv");
        Manifest.Write(path, records);
        return path;
    }
}
