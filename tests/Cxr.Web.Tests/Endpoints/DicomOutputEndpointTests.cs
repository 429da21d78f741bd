using System.IO.Compression;
using System.Net;
using Cxr.Core.Imaging.Dicom;
using Cxr.Core.Imaging.Dicom.Writing;
using Cxr.Testing.Dicom;
using Cxr.Web.Tests.Infrastructure;

namespace Cxr.Web.Tests.Endpoints;

/// <summary><c>POST /api/v1/predictions?output=dicom</c> on the committed default model: a zip with the Secondary
/// Capture and the SR in the input's study for a DICOM input; 422 <c>not-dicom-input</c> for other images; 400 for an
/// unknown <c>output</c>.</summary>
public sealed class DicomOutputEndpointTests(DefaultModelApp app) : IClassFixture<DefaultModelApp>, IDisposable
{
    private readonly HttpClient _client = app.Factory.CreateClient();
    private readonly string _folder = Directory.CreateTempSubdirectory("cxr-web-dicom-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [DcmtkFact]
    public async Task A_dicom_input_gets_a_zip_with_the_sc_and_the_sr_in_its_study()
    {
        var film = File.ReadAllBytes(DicomFilm.Make(_folder));
        using var response = await _client.PostAsync("/api/v1/predictions?output=dicom", TestUploads.Image(film, "chest film.dcm"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("chestfilm.dicom.zip", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
        Assert.Equal(["chestfilm.sc.dcm", "chestfilm.sr.dcm"], zip.Entries.Select(e => e.FullName));
        var classes = new List<string?>();
        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            using var bytes = new MemoryStream();
            await stream.CopyToAsync(bytes);
            var header = DicomDecoder.ReadInfo(bytes.ToArray()).Header;
            Assert.Equal(DicomFilm.StudyInstanceUid, header.StudyInstanceUid);
            Assert.Equal(DicomFilm.PatientName, header.PatientName);
            classes.Add(header.SopClassUid);
        }

        Assert.Equal([SecondaryCaptureBuilder.SopClassUid, ComprehensiveSrBuilder.SopClassUid], classes);
    }

    [Fact]
    public async Task A_non_dicom_input_is_a_422_not_dicom_input()
    {
        using var response = await _client.PostAsync("/api/v1/predictions?output=dicom", TestUploads.Image(TestUploads.Normal));

        var problem = await ProblemAssert.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity, "not-dicom-input");
        Assert.Contains("this image is jpeg", ProblemAssert.Detail(problem), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_output_is_a_400()
    {
        using var response = await _client.PostAsync("/api/v1/predictions?output=png", TestUploads.Image(TestUploads.Normal));

        var problem = await ProblemAssert.AssertProblemAsync(response, HttpStatusCode.BadRequest, "invalid-request");
        Assert.Equal("output must be \"json\" or \"dicom\"; got \"png\".", ProblemAssert.Detail(problem));
    }

    [Fact]
    public async Task Output_json_is_the_default_answer()
    {
        using var response = await _client.PostAsync("/api/v1/predictions?output=json", TestUploads.Image(TestUploads.Normal));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }
}
