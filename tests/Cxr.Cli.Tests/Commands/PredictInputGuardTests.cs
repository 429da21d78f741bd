using System.Text.Json;
using Cxr.Cli.Commands;
using Cxr.Testing;
using Cxr.Testing.NonRadiographs;

namespace Cxr.Cli.Tests.Commands;

/// <summary><c>cxr predict</c> with the committed model: rows the input guard refuses are marked, carry no label, and
/// set exit code 3 unless <c>--force</c>.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class PredictInputGuardTests : IDisposable
{
    private static readonly string Model = Path.Combine(TestData.RepoRoot, "models", "cxr-default.onnx");
    private readonly TempFolder _folder = new();
    private readonly string _photo;
    private readonly string _film;

    public PredictInputGuardTests()
    {
        _photo = _folder.Path("photo.jpg");
        File.WriteAllBytes(_photo, NonRadiographGenerator.Create(NonRadiographKind.ColorPhoto, 0).Bytes);
        _film = _folder.Path("film.jpeg");
        File.Copy(Path.Combine(TestData.DataRoot, "val", "NORMAL", "NORMAL2-IM-1427-0001.jpeg"), _film);
    }

    [Fact]
    public async Task A_refused_image_is_marked_in_the_table_and_the_exit_code_is_3()
    {
        var run = await CliRun.RunAsync("predict", _film, _photo, "--model", Model);

        Assert.Equal(PredictCommand.ExitSomeRefused, run.ExitCode);
        Assert.Contains("not a chest X-ray: color", run.Out, StringComparison.Ordinal);
        Assert.Contains($"refused: {_photo}: The image is in colour (mean chroma", run.Out, StringComparison.Ordinal);
        Assert.Contains("2 files: 1 predicted (0 PNEUMONIA, 1 NORMAL), 1 refused as not chest X-rays, 0 failed", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_gives_the_input_check_and_no_label_for_a_refused_image()
    {
        var run = await CliRun.RunAsync("predict", _film, _photo, "--model", Model, "--format", "json");

        Assert.Equal(PredictCommand.ExitSomeRefused, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        var results = doc.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.True(results[0].GetProperty("inputCheck").GetProperty("isChestXray").GetBoolean());
        Assert.Equal("NORMAL", results[0].GetProperty("label").GetString());
        var refused = results[1];
        Assert.False(refused.TryGetProperty("label", out _));
        Assert.False(refused.TryGetProperty("probability", out _));
        Assert.Equal("color", refused.GetProperty("inputCheck").GetProperty("reason").GetString());
        Assert.Equal(1, doc.RootElement.GetProperty("summary").GetProperty("refused").GetInt32());
    }

    [Fact]
    public async Task Force_reports_the_label_with_a_warning_and_exits_0()
    {
        var run = await CliRun.RunAsync("predict", _photo, "--model", Model, "--format", "csv", "--force");

        Assert.Equal(0, run.ExitCode);
        var row = run.Out.Split('\n')[1].Split(',');
        Assert.Contains(row[1], new[] { "NORMAL", "PNEUMONIA" });
        Assert.Equal("forced:color", row[7]);
        Assert.Contains("1 forced past the input guard", run.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
