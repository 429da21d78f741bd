using Cxr.Testing;
using Cxr.Testing.Dicom;
using Xunit.Abstractions;

namespace Cxr.Inference.Tests.Dicom;

/// <summary>
/// Issue #13's acceptance through the predictor, with the committed model: a NORMAL and a PNEUMONIA validation film
/// (<see cref="TransferSyntaxFilms.SourceFilm"/>),
/// each as DICOM in every transfer syntax the reader takes (<see cref="TransferSyntaxFilms"/>, made by DCMTK and GDCM),
/// get the JPEG's answer: the same label, and the same probability within 0.01 (lossy encodings) or 1e-6 (lossless
/// ones, whose model input is the JPEG's exactly).
/// </summary>
public sealed class TransferSyntaxPredictionTests(ITestOutputHelper output)
{
    public static TheoryData<string> Films() => ["NORMAL", "PNEUMONIA"];

    [DicomCodecTheory]
    [MemberData(nameof(Films))]
    public void Every_transfer_syntax_gets_the_answer_of_the_jpeg_it_was_made_from(string label)
    {
        var jpeg = TransferSyntaxFilms.SourceFilm(label);
        var folder = Directory.CreateTempSubdirectory("cxr-syntax-predict-").FullName;
        try
        {
            var files = TransferSyntaxFilms.Make(folder, jpeg);
            var expected = CommittedModel.Predictor.Predict(File.ReadAllBytes(jpeg));
            output.WriteLine($"{Path.GetFileName(jpeg)}: {expected.Label} p = {expected.Probability:F6}");
            TransferSyntaxFilms.AssertSuitableSource(jpeg, expected.Probability, expected.Threshold);
            Assert.Equal(TransferSyntaxFilms.Syntaxes.Count, files.Count);
            for (var i = 0; i < files.Count; i++)
            {
                var (name, uid, lossless, _, _) = TransferSyntaxFilms.Syntaxes[i];
                var actual = CommittedModel.Predictor.Predict(File.ReadAllBytes(files[i]));
                var delta = Math.Abs(actual.Probability - expected.Probability);
                output.WriteLine($"{name} ({uid}): {actual.Label} p = {actual.Probability:F6}, |Δp| = {delta:E2}");
                Assert.InRange(delta, 0, lossless ? 1e-6 : 0.01);
                Assert.True(actual.InputCheck.IsChestXray, $"{name}: {actual.InputCheck.Reason}");
                Assert.Equal(expected.Label, actual.Label);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
