using System.Text.Json;
using Cxr.Cli.Commands;
using Cxr.Testing;
using Cxr.Testing.Dicom;

namespace Cxr.Cli.Tests.Commands;

/// <summary><c>cxr predict</c> on DICOM files the header gate refuses or warns about, with the committed model: a
/// lateral and a FOR PROCESSING file are refused with their reasons (exit 3), a multi-frame one fails (exit 2), an adult
/// gets its answer and a warning line.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class PredictDicomGateTests : IDisposable
{
    private static readonly string Model = Path.Combine(TestData.RepoRoot, "models", "cxr-default.onnx");
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task A_lateral_and_a_for_processing_file_are_refused_with_their_reasons_and_a_multi_frame_one_fails()
    {
        var frontal = Write("frontal.dcm", DicomFilms.Create());
        var lateral = Write("lateral.dcm", DicomFilms.With(0x0018_5101, "LL"));
        var raw = Write("raw.dcm", DicomFilms.With(0x0008_0068, "FOR PROCESSING"));
        var cine = Write("cine.dcm", DicomFilms.Create(frames: 2));

        var run = await CliRun.RunAsync("predict", frontal, lateral, raw, cine, "--model", Model, "--threads", "1");

        Assert.Equal(PredictCommand.ExitSomeFailed, run.ExitCode);
        AssertLine($"refused: {lateral}: The DICOM header's View Position (0018,5101) is lateral; the model reads frontal (PA or AP) chest X-rays only.", run.Out);
        AssertLine($"refused: {raw}: The DICOM image is FOR PROCESSING (Presentation Intent Type (0008,0068) or its SOP Class): raw detector data, not processed for viewing; send the FOR PRESENTATION image instead.", run.Out);
        AssertLine($"error: {cine}: The DICOM image is not supported: it has 2 frames (multi-frame object); only single-frame images are read.", run.Out);
        Assert.Contains("not a chest X-ray: lateral", run.Out, StringComparison.Ordinal);
        Assert.Contains("not a chest X-ray: for_processing", run.Out, StringComparison.Ordinal);
        Assert.Contains("4 files: 1 predicted", run.Out, StringComparison.Ordinal);
        Assert.Contains("2 refused as not chest X-rays, 1 failed", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Out + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_gives_the_header_reason_and_the_adult_warning()
    {
        var adult = Write("adult.dcm", DicomFilms.With(0x0010_1010, "045Y"));
        var lateral = Write("lateral.dcm", DicomFilms.With(0x0018_5101, "RL"));

        var run = await CliRun.RunAsync("predict", adult, lateral, "--model", Model, "--threads", "1", "--format", "json");

        Assert.Equal(PredictCommand.ExitSomeRefused, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        var results = doc.RootElement.GetProperty("results").EnumerateArray().ToList();
        var warning = Assert.Single(results[0].GetProperty("inputCheck").GetProperty("warnings").EnumerateArray().ToList());
        Assert.Equal("adult", warning.GetProperty("code").GetString());
        Assert.Contains(results[0].GetProperty("label").GetString(), new[] { "NORMAL", "PNEUMONIA" });
        Assert.Equal("lateral", results[1].GetProperty("inputCheck").GetProperty("reason").GetString());
        Assert.False(results[1].TryGetProperty("label", out _));
        Assert.DoesNotContain("045Y", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_adult_warning_is_a_line_below_the_table()
    {
        var adult = Write("adult.dcm", DicomFilms.With(0x0010_1010, "240M"));

        var run = await CliRun.RunAsync("predict", adult, "--model", Model, "--threads", "1");

        Assert.Equal(0, run.ExitCode);
        AssertLine($"warning (adult): {adult}: The DICOM header gives the patient's age (0010,1010) as over 18 years; the model was trained on children aged 1 to 5, so its answer for an adult is less reliable.", run.Out);
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>Asserts that <paramref name="output"/> has <paramref name="line"/> as one line, wrapped or not.</summary>
    private static void AssertLine(string line, string output) =>
        Assert.Contains(ConsoleText.Unwrapped("\n" + line + "\n"), ConsoleText.Unwrapped("\n" + output), StringComparison.Ordinal);

    private string Write(string name, byte[] bytes)
    {
        var path = _folder.Path(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
