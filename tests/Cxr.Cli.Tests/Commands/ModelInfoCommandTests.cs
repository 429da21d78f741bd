using System.Text.Json;

namespace Cxr.Cli.Tests.Commands;

[Collection(ConsoleCollection.Name)]
public sealed class ModelInfoCommandTests
{
    [Fact]
    public async Task Shows_identity_input_threshold_and_validation_metrics()
    {
        var run = await CliRun.RunAsync("model", "info", TestModel.File);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("synthetic-brightness 0.0.0-test", run.Out, StringComparison.Ordinal);
        Assert.Contains("image float [N,1,64,64] in [0,1]", run.Out, StringComparison.Ordinal);
        Assert.Contains("0.5 on calibrated P(pneumonia) (youden)", run.Out, StringComparison.Ordinal);
        Assert.Contains("8 × 8 class-activation grid", run.Out, StringComparison.Ordinal);
        Assert.Contains("validation metrics (at the stored threshold", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"│ auc\s+│\s+0\.7500 │", run.Out);
    }

    [Fact]
    public async Task Json_holds_everything()
    {
        var run = await CliRun.RunAsync("model", "info", TestModel.PlainFile, "--json");

        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        var root = doc.RootElement;
        Assert.Equal("synthetic-brightness", root.GetProperty("name").GetString());
        Assert.Equal(0.5, root.GetProperty("threshold").GetDouble());
        Assert.False(root.GetProperty("hasHeatmap").GetBoolean());
        Assert.Equal(64, root.GetProperty("preprocess").GetProperty("size").GetInt32());
        Assert.Equal(0.75, root.GetProperty("validation").GetProperty("auc").GetDouble());
        Assert.Equal("1", root.GetProperty("metadata").GetProperty("cxr.schema").GetString());
        Assert.Equal(64, root.GetProperty("sha256").GetString()!.Length);
    }

    [Fact]
    public async Task A_missing_model_is_one_plain_error()
    {
        var run = await CliRun.RunAsync("model", "info", "/nonexistent/model.onnx");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: /nonexistent/model.onnx does not exist (no model file there)\n", run.Error);
    }
}
