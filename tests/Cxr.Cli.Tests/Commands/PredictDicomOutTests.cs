using System.Text.Json;
using Cxr.Core.Imaging.Dicom;
using Cxr.Core.Imaging.Dicom.Writing;
using Cxr.Testing;
using Cxr.Testing.Dicom;

namespace Cxr.Cli.Tests.Commands;

/// <summary><c>cxr predict --dicom-out DIR</c>: a DICOM input gets NAME.sc.dcm and NAME.sr.dcm in its study; a non-DICOM
/// input is predicted as usual and noted as skipped; without the flag nothing is written.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class PredictDicomOutTests
{
    private static readonly string DefaultModel = Path.Combine(TestData.RepoRoot, "models", "cxr-default.onnx");

    [DcmtkFact]
    public async Task A_dicom_input_gets_a_secondary_capture_and_a_report_in_its_study()
    {
        using var folder = new TempFolder();
        var film = DicomFilm.Make(folder.Root);
        var run = await CliRun.RunAsync("predict", film, "--model", DefaultModel, "--dicom-out", folder.Path("out"));

        Assert.Equal(0, run.ExitCode);
        var sc = folder.Path("out/film.sc.dcm");
        var sr = folder.Path("out/film.sr.dcm");
        Assert.Contains($"dicom: {film} \u2192 {sc}, {sr}", run.Out.Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(["film.sc.dcm", "film.sr.dcm"], Directory.GetFiles(folder.Path("out")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var scHeader = DicomDecoder.ReadInfo(File.ReadAllBytes(sc)).Header;
        var srHeader = DicomDecoder.ReadInfo(File.ReadAllBytes(sr)).Header;
        Assert.Equal(SecondaryCaptureBuilder.SopClassUid, scHeader.SopClassUid);
        Assert.Equal(ComprehensiveSrBuilder.SopClassUid, srHeader.SopClassUid);
        Assert.Equal(DicomFilm.StudyInstanceUid, scHeader.StudyInstanceUid);
        Assert.Equal(DicomFilm.StudyInstanceUid, srHeader.StudyInstanceUid);
        Assert.Equal(DicomFilm.PatientId, srHeader.PatientId);
    }

    [DcmtkFact]
    public async Task A_non_dicom_input_is_predicted_and_noted_as_skipped_and_json_lists_the_objects()
    {
        using var folder = new TempFolder();
        var film = DicomFilm.Make(folder.Root);
        var jpeg = TestData.FirstValidationFilm("NORMAL");
        var run = await CliRun.RunAsync("predict", film, jpeg, "--model", DefaultModel, "--dicom-out", folder.Path("out"), "--format", "json");

        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        var results = doc.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal([folder.Path("out/film.sc.dcm"), folder.Path("out/film.sr.dcm")],
            results[0].GetProperty("dicomObjects").EnumerateArray().Select(e => e.GetString()));
        Assert.False(results[1].TryGetProperty("dicomObjects", out _));
        Assert.StartsWith("not a DICOM input", results[1].GetProperty("dicomSkipped").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, Directory.GetFiles(folder.Path("out")).Length);

        var table = await CliRun.RunAsync("predict", jpeg, "--model", DefaultModel, "--dicom-out", folder.Path("out2"));
        Assert.Equal(0, table.ExitCode);
        Assert.Contains($"dicom skipped: {jpeg}: not a DICOM input", table.Out.Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(folder.Path("out2")));
    }

    [DcmtkFact]
    public async Task Without_the_flag_nothing_is_written()
    {
        using var folder = new TempFolder();
        var film = DicomFilm.Make(folder.Root);
        var before = Directory.GetFiles(folder.Root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var run = await CliRun.RunAsync("predict", film, "--model", DefaultModel, "--format", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("dicomObjects", run.Out, StringComparison.Ordinal);
        Assert.Equal(before, Directory.GetFiles(folder.Root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
    }
}
