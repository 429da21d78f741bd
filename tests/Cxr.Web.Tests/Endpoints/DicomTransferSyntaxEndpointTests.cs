using System.Net;
using System.Text.Json;
using Cxr.Testing;
using Cxr.Testing.Dicom;
using Cxr.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Cxr.Web.Tests.Endpoints;

/// <summary>
/// Issue #13's acceptance through <c>POST /api/v1/predictions</c> as <c>curl -F image=@film.dcm</c> sends it, with the
/// committed model: a validation film's (<see cref="TransferSyntaxFilms.SourceFilm"/>) DICOM files in every transfer syntax the reader takes
/// (<see cref="TransferSyntaxFilms"/>, made by DCMTK and GDCM) get the JPEG's label, and its probability within 0.01
/// (lossy encodings) or 1e-6 (lossless).
/// </summary>
public sealed class DicomTransferSyntaxEndpointTests(DefaultModelApp app, ITestOutputHelper output) : IClassFixture<DefaultModelApp>
{
    private readonly HttpClient _client = app.Factory.CreateClient();

    [DicomCodecFact]
    public async Task Every_transfer_syntax_gets_the_answer_of_the_jpeg_it_was_made_from()
    {
        var folder = Directory.CreateTempSubdirectory("cxr-web-syntax-").FullName;
        try
        {
            var jpeg = TransferSyntaxFilms.SourceFilm("NORMAL");
            var files = TransferSyntaxFilms.Make(folder, jpeg);
            var (label, probability, threshold) = await PredictAsync(File.ReadAllBytes(jpeg), "film.jpeg");
            TransferSyntaxFilms.AssertSuitableSource(jpeg, probability, threshold);
            for (var i = 0; i < files.Count; i++)
            {
                var (name, _, lossless, _, _) = TransferSyntaxFilms.Syntaxes[i];
                var (actualLabel, actualProbability, _) = await PredictAsync(File.ReadAllBytes(files[i]), name);
                var delta = Math.Abs(actualProbability - probability);
                output.WriteLine($"{name}: {actualLabel} |Δp| = {delta:E2}");
                Assert.Equal(label, actualLabel);
                Assert.InRange(delta, 0, lossless ? 1e-6 : 0.01);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task<(string Label, double Probability, double Threshold)> PredictAsync(byte[] bytes, string fileName)
    {
        using var response = await _client.PostAsync("/api/v1/predictions", TestUploads.Image(bytes, fileName));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{fileName}: {(int)response.StatusCode} {body}");
        using var doc = JsonDocument.Parse(body);
        return (doc.RootElement.GetProperty("label").GetString()!, doc.RootElement.GetProperty("probability").GetDouble(), doc.RootElement.GetProperty("threshold").GetDouble());
    }
}
