using System.Globalization;
using System.Text.Json;
using Cxr.Cli.Predictions;
using Cxr.Testing;

namespace Cxr.Cli.Tests.Commands;

/// <summary>An ensemble model through the commands that serve it: <c>model info</c> says what it is, <c>predict</c>
/// reports each answer's member spread in JSON, CSV and the table, and <c>model upgrade</c> refuses it with one
/// sentence.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class EnsembleModelCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private static string Film => TestData.FirstValidationFilm("PNEUMONIA");

    [Fact]
    public async Task Model_info_shows_an_ensemble_of_its_members_and_its_json_the_ensemble_entry()
    {
        var model = await ModelAsync();

        var table = await CliRun.RunAsync("model", "info", model);
        var json = await CliRun.RunAsync("model", "info", model, "--json");

        Assert.Equal(0, table.ExitCode);
        Assert.Contains("ensemble of 2 cxrnet members (seeds 5, 6, on patient-grouped folds drawn with seed 5)", table.Out, StringComparison.Ordinal);
        Assert.Contains("validation metrics (out-of-fold:", table.Out, StringComparison.Ordinal);
        Assert.Contains("member_spread", table.Out, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(json.Out);
        var ensemble = doc.RootElement.GetProperty("ensemble");
        Assert.Equal(2, ensemble.GetProperty("members").GetInt32());
        Assert.Equal("out-of-fold", ensemble.GetProperty("calibration").GetString());
        Assert.True(doc.RootElement.GetProperty("selfTest").GetProperty("maxMemberSpreadDeviation").GetDouble() >= 0);
    }

    [Fact]
    public async Task Predict_reports_the_member_spread_in_json_csv_and_the_table()
    {
        var model = await ModelAsync();

        // The tiny ensemble's guard, fitted on 24 films, may refuse a film it never saw: forced, it still answers.
        var json = await CliRun.RunAsync("predict", Film, "--model", model, "--format", "json", "--force");
        var csv = await CliRun.RunAsync("predict", Film, "--model", model, "--format", "csv", "--force");
        var table = await CliRun.RunAsync("predict", Film, "--model", model, "--force");

        Assert.Equal(0, json.ExitCode);
        using var doc = JsonDocument.Parse(json.Out);
        var spread = doc.RootElement.GetProperty("results")[0].GetProperty("memberSpread").GetDouble();
        Assert.InRange(spread, 0, 0.5);
        var lines = csv.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(PredictionOutput.CsvHeader + ",member_spread", lines[0]);
        Assert.Equal(spread, double.Parse(lines[1].Split(',')[^1], CultureInfo.InvariantCulture));
        Assert.Contains("member spread", table.Out, StringComparison.Ordinal);
        Assert.Contains(spread.ToString("0.000", CultureInfo.InvariantCulture), table.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_single_models_predictions_have_no_member_spread()
    {
        var json = await CliRun.RunAsync("predict", Film, "--model", TestModel.File, "--format", "json", "--force");
        var csv = await CliRun.RunAsync("predict", Film, "--model", TestModel.File, "--format", "csv", "--force");

        Assert.DoesNotContain("memberSpread", json.Out, StringComparison.Ordinal);
        Assert.StartsWith(PredictionOutput.CsvHeader + "\n", csv.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Model_upgrade_refuses_an_ensemble_with_one_sentence()
    {
        var model = await ModelAsync();
        var output = _folder.Path("upgraded.onnx");

        var run = await CxrProcess.RunAsync(_folder.Root, ["model", "upgrade", model, "--out", output]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            $"error: {model} cannot be upgraded: it is an ensemble of 2 cxrnet members, and ensembles are written with their self-test and weights checksum from the start, so there is nothing to add.\n",
            run.Error);
        Assert.False(File.Exists(output));
    }

    public void Dispose() => _folder.Dispose();

    private static async Task<string> ModelAsync() => Path.Combine((await TrainedEnsemble.Value).Output, "model.onnx");
}
