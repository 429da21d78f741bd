using Cxr.Core.Contracts;
using Cxr.Testing;
using Cxr.Testing.Models;
using Cxr.Testing.Onnx;
using Onnx;
using Xunit.Abstractions;

namespace Cxr.Cli.Tests.Commands;

/// <summary>A copy of the committed model with one weight byte changed, or with its recorded probe outputs edited, is
/// refused by <c>cxr predict --model</c>, <c>cxr evaluate --model</c> and <c>cxr model info</c> with exit code 1 and one sentence (<c>cxr serve</c>:
/// <see cref="ServeModelFaultTests"/>); the original passes. <c>cxr model upgrade</c> gives an older model its checks
/// without changing its graph or weights.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ModelSelfTestCommandTests(ITestOutputHelper output) : IDisposable
{
    private static readonly byte[] Committed = File.ReadAllBytes(ServeProcess.DefaultModel);

    private readonly TempFolder _folder = new();

    public static TheoryData<string, string> Faults() => new()
    {
        { "weight", "is damaged: its weights hash to sha256" },
        { "probe", "fails its self-test: ONNX Runtime computes 'logit' = " },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Predict_refuses_a_damaged_or_tampered_model_with_one_sentence(string fault, string reason)
    {
        var model = Write(fault);
        var film = TestData.FirstValidationFilm("NORMAL");

        var run = await CliRun.RunAsync("predict", film, "--model", model);

        output.WriteLine(run.Error);
        AssertOneSentence(run, model, reason);
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Model_info_refuses_a_damaged_or_tampered_model_with_one_sentence(string fault, string reason)
    {
        var model = Write(fault);

        var run = await CliRun.RunAsync("model", "info", model);

        AssertOneSentence(run, model, reason);
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Evaluate_refuses_a_damaged_or_tampered_model_with_one_sentence(string fault, string reason)
    {
        var model = Write(fault);

        var run = await CliRun.RunAsync("evaluate", "--model", model, "--data", TestData.DataRoot, "--split", "val", "--out", _folder.Path("eval"));

        AssertOneSentence(run, model, reason);
        Assert.False(Directory.Exists(_folder.Path("eval")), "nothing is written for a model that failed its checks");
    }

    [Fact]
    public async Task The_original_passes_and_model_info_shows_its_self_test()
    {
        var run = await CliRun.RunAsync("model", "info", ServeProcess.DefaultModel);

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"│ self-test\s+│ passed \(weights sha256 matches; 4 probe images through ONNX Runtime vs TorchSharp", run.Out);
        var json = await CliRun.RunAsync("model", "info", ServeProcess.DefaultModel, "--json");
        Assert.Contains("\"selfTest\": {", json.Out, StringComparison.Ordinal);
        Assert.Contains($"\"weightsSha256\": \"{OnnxWeightsHash.Compute(Committed)}\"", json.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upgrade_gives_an_older_model_its_checks_with_the_same_graph_and_weights()
    {
        // The committed model as the previous exporter wrote it: no self-test, no weights checksum.
        var older = ModelTampering.WithMetadata(ModelTampering.WithMetadata(Committed, ModelMetadataKeys.SelfTest, null), ModelMetadataKeys.WeightsSha256, null);
        var olderPath = _folder.Path("older.onnx");
        File.WriteAllBytes(olderPath, older);
        Assert.Equal(1, (await CliRun.RunAsync("model", "info", olderPath)).ExitCode);

        var upgradedPath = _folder.Path("upgraded.onnx");
        var run = await CxrProcess.RunAsync(_folder.Root, ["model", "upgrade", olderPath, "--out", upgradedPath]);

        output.WriteLine(run.Out + run.Error);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("graph and weights unchanged", run.Out, StringComparison.Ordinal);
        var upgraded = File.ReadAllBytes(upgradedPath);
        Assert.Equal(ModelProto.Parser.ParseFrom(Committed).Graph, ModelProto.Parser.ParseFrom(upgraded).Graph);
        Assert.Equal(OnnxWeightsHash.Compute(Committed), OnnxWeightsHash.Compute(upgraded));
        var info = await CliRun.RunAsync("model", "info", upgradedPath);
        Assert.Equal(0, info.ExitCode);
        Assert.Contains("passed (weights sha256 matches", info.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upgrade_refuses_a_file_that_is_not_a_cxr_network()
    {
        var path = _folder.Path("synthetic.onnx");
        File.WriteAllBytes(path, SyntheticOnnxModel.Create());

        var run = await CxrProcess.RunAsync(_folder.Root, ["model", "upgrade", path, "--out", _folder.Path("out.onnx")]);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"error: {path} cannot be upgraded: ", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.Path("out.onnx")));
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>A copy of the committed model with the given fault (also used by the serve tests).</summary>
    internal static byte[] Damaged(string fault) => fault switch
    {
        "weight" => ModelTampering.FlipWeightBit(Committed, initializer: ModelTampering.Initializers(Committed).Count / 2, position: 0.5),
        "probe" => ModelTampering.WithShiftedProbe(Committed, "logit", 0, delta: 0.75),
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, null),
    };

    private string Write(string fault)
    {
        var path = _folder.Path($"{fault}.onnx");
        File.WriteAllBytes(path, Damaged(fault));
        return path;
    }

    private static void AssertOneSentence(CliRun run, string model, string reason)
    {
        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: {model} {reason}", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Out + run.Error, StringComparison.Ordinal);
    }
}
