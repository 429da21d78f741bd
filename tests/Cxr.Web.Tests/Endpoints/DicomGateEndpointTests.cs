using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cxr.Testing.BadInputs;
using Cxr.Testing.Dicom;
using Cxr.Web.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Cxr.Web.Tests.Endpoints;

/// <summary>The DICOM header gate through <c>POST /api/v1/predictions</c> (raw <c>application/dicom</c> bodies and
/// multipart): refusals are 422 <c>not-a-chest-xray</c> with the gate's reason in <c>inputCheck</c>, multi-frame is 422
/// <c>unsupported-dicom-image</c>, big endian 415, an adult a 200 with a warning; no header value is ever logged.</summary>
public sealed class DicomGateEndpointTests(DefaultApp app) : IClassFixture<DefaultApp>
{
    private const string Force = "Send force=true to get the model's answer anyway (it is then not a finding).";

    private readonly HttpClient _client = app.Factory.CreateClient();

    [Theory]
    [InlineData("lateral", "LL", "The DICOM header's View Position (0018,5101) is lateral; the model reads frontal (PA or AP) chest X-rays only.")]
    [InlineData("for_processing", "FOR PROCESSING", "The DICOM image is FOR PROCESSING (Presentation Intent Type (0008,0068) or its SOP Class): raw detector data, not processed for viewing; send the FOR PRESENTATION image instead.")]
    [InlineData("dicom_body_part", "PELVIS", "The DICOM header's Body Part Examined (0018,0015) is not the chest; the model reads chest X-rays only.")]
    [InlineData("dicom_modality", "CT", "The DICOM header's Modality (0008,0060) is neither CR nor DX, so the file does not say it is a radiograph; if it is a chest X-ray, set Modality to CR or DX (e.g. dcmodify -m \"(0008,0060)=DX\").")]
    public async Task A_refusing_header_is_a_422_not_a_chest_xray_with_its_reason(string reason, string value, string message)
    {
        var tag = reason switch
        {
            "lateral" => 0x0018_5101u,
            "for_processing" => 0x0008_0068u,
            "dicom_body_part" => 0x0018_0015u,
            _ => 0x0008_0060u,
        };
        using var response = await _client.PostAsync("/api/v1/predictions", TestUploads.Raw(DicomFilms.With(tag, value), "application/dicom"));

        var problem = await ProblemAssert.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity, "not-a-chest-xray");
        Assert.Equal($"{message} {Force}", ProblemAssert.Detail(problem));
        var check = problem.GetProperty("inputCheck");
        Assert.False(check.GetProperty("isChestXray").GetBoolean());
        Assert.Equal(reason, check.GetProperty("reason").GetString());
        Assert.Equal(message, check.GetProperty("message").GetString());
        Assert.Equal(JsonValueKind.Null, check.GetProperty("score").ValueKind);
        Assert.False(problem.TryGetProperty("label", out _));
    }

    [Fact]
    public async Task With_force_a_lateral_gets_the_label_marked_with_the_header_reason()
    {
        using var response = await _client.PostAsync("/api/v1/predictions?force=true", TestUploads.Image(DicomFilms.With(0x0018_5101, "LATERAL"), "lateral.dcm"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(body.GetProperty("label").GetString(), new[] { "NORMAL", "PNEUMONIA" });
        Assert.Equal("lateral", body.GetProperty("inputCheck").GetProperty("reason").GetString());
        Assert.StartsWith("Forced past the input guard: The DICOM header's View Position", body.GetProperty("warning").GetString(), StringComparison.Ordinal);
        Assert.Equal("dicom", body.GetProperty("image").GetProperty("format").GetString());
    }

    [Fact]
    public async Task A_multi_frame_object_is_a_422_unsupported_dicom_image()
    {
        using var response = await _client.PostAsync("/api/v1/predictions", TestUploads.Raw(DicomFilms.Create(frames: 3), "application/dicom"));

        var problem = await ProblemAssert.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity, "unsupported-dicom-image");
        Assert.Equal("The DICOM image is not supported: it has 3 frames (multi-frame object); only single-frame images are read.", ProblemAssert.Detail(problem));
    }

    [Fact]
    public async Task Explicit_vr_big_endian_is_a_415()
    {
        using var response = await _client.PostAsync("/api/v1/predictions", TestUploads.Raw(DicomFilms.Create(transferSyntax: DicomBuilder.ExplicitBig), "application/dicom"));

        var problem = await ProblemAssert.AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported-image-format");
        Assert.StartsWith("Unsupported DICOM transfer syntax 1.2.840.10008.1.2.2 (Explicit VR Big Endian (retired))", ProblemAssert.Detail(problem), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_adult_gets_a_200_with_the_adult_warning_in_the_input_check()
    {
        using var response = await _client.PostAsync("/api/v1/predictions", TestUploads.Raw(DicomFilms.With(0x0010_1010, "034Y"), "application/dicom"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var check = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("inputCheck");
        Assert.True(check.GetProperty("isChestXray").GetBoolean());
        var warning = Assert.Single(check.GetProperty("warnings").EnumerateArray().ToList());
        Assert.Equal("adult", warning.GetProperty("code").GetString());
        Assert.StartsWith("The DICOM header gives the patient's age (0010,1010) as over 18 years", warning.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_child_frontal_film_has_no_warnings_member()
    {
        using var response = await _client.PostAsync("/api/v1/predictions", TestUploads.Raw(DicomFilms.Create(), "application/dicom"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("inputCheck").TryGetProperty("warnings", out _));
    }

    [Fact]
    public async Task In_a_batch_the_lateral_and_the_multi_frame_get_their_own_problems()
    {
        using var form = TestUploads.Form(
            ("images", DicomFilms.Create(), "frontal.dcm"),
            ("images", DicomBadInputs.Lateral(), "lateral.dcm"),
            ("images", DicomBadInputs.MultiFrame(), "cine.dcm"));
        using var response = await _client.PostAsync("/api/v1/predictions/batch", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var items = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([200, 422, 422], items.Select(i => i.GetProperty("status").GetInt32()));
        Assert.Equal("lateral", items[1].GetProperty("error").GetProperty("inputCheck").GetProperty("reason").GetString());
        Assert.Equal("https://cxr.dev/problems/unsupported-dicom-image", items[2].GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task No_header_value_reaches_the_log()
    {
        using var factory = new CxrWebFactory();
        using var client = factory.CreateClient();
        const string age = "077Y";
        var files = new[]
        {
            DicomFilms.Create(new Dictionary<uint, string?> { [0x0010_1010] = age }),
            DicomFilms.Create(new Dictionary<uint, string?> { [0x0010_1010] = age, [0x0018_5101] = "LL" }),
            DicomFilms.Create(new Dictionary<uint, string?> { [0x0010_1010] = age, [0x0018_0015] = "ZYGOMA" }),
            DicomFilms.Create(new Dictionary<uint, string?> { [0x0010_1010] = age }, frames: 2),
        };
        foreach (var file in files)
        {
            using var response = await client.PostAsync("/api/v1/predictions", TestUploads.Raw(file, "application/dicom"));
            Assert.True((int)response.StatusCode is 200 or 422, response.StatusCode.ToString());
        }

        var entries = factory.Logs.Entries;
        Assert.NotEmpty(entries);
        string[] secrets = [age, DicomFilms.PatientName, "Zyxwv", "ZYGOMA"];
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(entries, e => e.Message.Contains(secret, StringComparison.Ordinal) ||
                                                e.Properties.Values.Any(v => v?.ToString()?.Contains(secret, StringComparison.Ordinal) == true) ||
                                                e.Exception?.ToString().Contains(secret, StringComparison.Ordinal) == true);
        }

        Assert.DoesNotContain(entries, e => e.Level >= LogLevel.Error);
    }
}
