using System.Text.Json;
using Cxr.Testing;
using Cxr.Testing.Dicom;
using Xunit.Abstractions;

namespace Cxr.Cli.Tests.Commands;

/// <summary>
/// Issue #13's acceptance through <c>./cxr predict</c>, with the committed model: one run over a validation film's JPEG
/// (<see cref="TransferSyntaxFilms.SourceFilm"/>)
/// and its DICOM files in every transfer syntax the reader takes (<see cref="TransferSyntaxFilms"/>, made by DCMTK and
/// GDCM) gives every DICOM the JPEG's label, and its probability within 0.01 (lossy encodings) or 1e-6 (lossless).
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class PredictTransferSyntaxTests(ITestOutputHelper output)
{
    private static readonly string Model = Path.Combine(TestData.RepoRoot, "models", "cxr-default.onnx");

    [DicomCodecFact]
    public async Task Every_transfer_syntax_gets_the_answer_of_the_jpeg_it_was_made_from()
    {
        using var folder = new TempFolder();
        var jpeg = TransferSyntaxFilms.SourceFilm("PNEUMONIA");
        var files = TransferSyntaxFilms.Make(folder.Root, jpeg);

        var run = await CliRun.RunAsync(["predict", jpeg, .. files, "--model", Model, "--threads", "1", "--format", "json"]);

        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        var results = doc.RootElement.GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("file").GetString()!);
        var expected = results[jpeg];
        var label = expected.GetProperty("label").GetString();
        var probability = expected.GetProperty("probability").GetDouble();
        var threshold = expected.GetProperty("threshold").GetDouble();
        TransferSyntaxFilms.AssertSuitableSource(jpeg, probability, threshold);
        for (var i = 0; i < files.Count; i++)
        {
            var (name, _, lossless, _, _) = TransferSyntaxFilms.Syntaxes[i];
            var actual = results[files[i]];
            var delta = Math.Abs(actual.GetProperty("probability").GetDouble() - probability);
            output.WriteLine($"{name}: {actual.GetProperty("label").GetString()} |Δp| = {delta:E2}");
            Assert.Equal(label, actual.GetProperty("label").GetString());
            Assert.True(actual.GetProperty("inputCheck").GetProperty("isChestXray").GetBoolean(), name);
            Assert.InRange(delta, 0, lossless ? 1e-6 : 0.01);
        }
    }
}
