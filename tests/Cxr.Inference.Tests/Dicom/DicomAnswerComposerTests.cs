using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Cxr.Core.Imaging;
using Cxr.Core.Imaging.Dicom;
using Cxr.Core.Imaging.Dicom.Writing;
using Cxr.Inference.Dicom;
using Cxr.Testing;
using Cxr.Testing.Dicom;
using Xunit.Abstractions;

namespace Cxr.Inference.Tests.Dicom;

/// <summary>The two answer objects for a DCMTK-made DICOM film, predicted by the committed model: what they copy, that
/// dciodvfy finds no error in either, and that Orthanc stores both in the input's study.</summary>
public sealed class DicomAnswerComposerTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cxr-dicom-out-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [DcmtkFact]
    public void Objects_copy_the_identification_and_nothing_else()
    {
        var (input, answer) = Compose();
        var inputHeader = DicomDecoder.ReadInfo(input).Header;
        foreach (var o in new[] { answer.SecondaryCapture, answer.Report })
        {
            var header = DicomDecoder.ReadInfo(o.Bytes).Header;
            Assert.Equal(DicomFilm.PatientName, header.PatientName);
            Assert.Equal(DicomFilm.PatientId, header.PatientId);
            Assert.Equal(DicomFilm.PatientBirthDate, header.PatientBirthDate);
            Assert.Equal(DicomFilm.PatientSex, header.PatientSex);
            Assert.Equal(DicomFilm.StudyInstanceUid, header.StudyInstanceUid);
            Assert.Equal(DicomFilm.StudyId, header.StudyId);
            Assert.Equal(DicomFilm.StudyDate, header.StudyDate);
            Assert.Equal(DicomFilm.StudyTime, header.StudyTime);
            Assert.Equal(DicomFilm.AccessionNumber, header.AccessionNumber);
            Assert.Equal(DicomFilm.ReferringPhysicianName, header.ReferringPhysicianName);
            Assert.StartsWith(DicomUid.UuidRoot, header.SeriesInstanceUid);
            Assert.StartsWith(DicomUid.UuidRoot, header.SopInstanceUid);
            Assert.NotEqual(inputHeader.SeriesInstanceUid, header.SeriesInstanceUid);
            Assert.Equal(o.SopInstanceUid, header.SopInstanceUid);
            Assert.Null(header.BodyPartExamined);
            Assert.Null(header.ViewPosition);
            Assert.DoesNotContain(DicomFilm.InstitutionName, Encoding.Latin1.GetString(o.Bytes), StringComparison.Ordinal);
        }

        var sc = DicomDecoder.ReadInfo(answer.SecondaryCapture.Bytes);
        Assert.Equal(SecondaryCaptureBuilder.SopClassUid, sc.Header.SopClassUid);
        Assert.Equal("OT", sc.Header.Modality);
        Assert.Equal("RGB", sc.Pixels.PhotometricInterpretation);
        var picture = new ImagePipeline(new PreprocessSpec(32)).DecodeGray(answer.SecondaryCapture.Bytes);
        Assert.Equal(sc.Pixels.Columns, picture.Width);
        Assert.True(picture.Height > DicomAnswerPicture.BannerHeight + HeatmapRenderer.LegendHeight);

        var sr = DicomDecoder.ReadInfo(answer.Report.Bytes).Header;
        Assert.Equal(ComprehensiveSrBuilder.SopClassUid, sr.SopClassUid);
        Assert.Equal("SR", sr.Modality);
        var text = Encoding.Latin1.GetString(answer.Report.Bytes);
        Assert.Contains("UNVERIFIED", text, StringComparison.Ordinal);
        Assert.Contains(CommittedModel.Predictor.Model.Sha256, text, StringComparison.Ordinal);
        Assert.Contains(inputHeader.SopInstanceUid!, text, StringComparison.Ordinal);
        Assert.Contains(answer.SecondaryCapture.SopInstanceUid, text, StringComparison.Ordinal);
    }

    [DciodvfyFact]
    public void Both_objects_pass_dciodvfy_without_errors()
    {
        var (_, answer) = Compose();
        foreach (var (name, o) in new[] { ("sc", answer.SecondaryCapture), ("sr", answer.Report) })
        {
            var path = Path.Combine(_folder, name + ".dcm");
            File.WriteAllBytes(path, o.Bytes);
            var report = Dciodvfy.Verify(path);
            foreach (var line in report)
            {
                output.WriteLine($"{name}: {line}");
            }

            Assert.Empty(Dciodvfy.Errors(report));
        }
    }

    [OrthancFact]
    public async Task Orthanc_stores_both_objects_in_the_input_study()
    {
        var (_, answer) = Compose();
        using var orthanc = await OrthancServer.StartAsync();
        foreach (var o in new[] { answer.SecondaryCapture, answer.Report })
        {
            using var body = new ByteArrayContent(o.Bytes);
            body.Headers.ContentType = new MediaTypeHeaderValue("application/dicom");
            using var response = await orthanc.Client.PostAsync(new Uri("instances", UriKind.Relative), body);
            var json = await response.Content.ReadAsStringAsync();
            output.WriteLine(json);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var id = JsonDocument.Parse(json).RootElement.GetProperty("ID").GetString();
            var tags = JsonDocument.Parse(await orthanc.Client.GetStringAsync(new Uri($"instances/{id}/simplified-tags", UriKind.Relative))).RootElement;
            Assert.Equal(DicomFilm.StudyInstanceUid, tags.GetProperty("StudyInstanceUID").GetString());
            Assert.Equal(o.SopInstanceUid, tags.GetProperty("SOPInstanceUID").GetString());
        }

        var studies = JsonDocument.Parse(await orthanc.Client.GetStringAsync(new Uri("studies", UriKind.Relative))).RootElement;
        Assert.Equal(1, studies.GetArrayLength());
        var series = JsonDocument.Parse(await orthanc.Client.GetStringAsync(new Uri($"studies/{studies[0].GetString()}/series", UriKind.Relative))).RootElement;
        Assert.Equal(2, series.GetArrayLength());
    }

    [Fact]
    public void A_non_dicom_input_is_refused()
    {
        var jpeg = File.ReadAllBytes(TestImages.ValidationFiles[0]);
        var prediction = CommittedModel.Predictor.Predict(jpeg);
        var e = Assert.Throws<NotDicomInputException>(() => DicomAnswerComposer.Compose(prediction, CommittedModel.Predictor.Model));
        Assert.Equal(ImageFormat.Jpeg, e.Format);
    }

    private (byte[] Input, DicomAnswer Answer) Compose()
    {
        var input = File.ReadAllBytes(DicomFilm.Make(_folder));
        var prediction = CommittedModel.Predictor.Predict(input);
        return (input, DicomAnswerComposer.Compose(prediction, CommittedModel.Predictor.Model));
    }
}
