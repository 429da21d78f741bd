using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cxr.Core.Imaging;
using Cxr.Testing;
using Cxr.Testing.NonRadiographs;
using Cxr.Web.Tests.Infrastructure;

namespace Cxr.Web.Tests.Endpoints;

/// <summary>The input guard through the API, on the committed default model (which carries the learned guard).</summary>
public sealed class InputGuardEndpointTests(InputGuardEndpointTests.CommittedModelApp app) : IClassFixture<InputGuardEndpointTests.CommittedModelApp>
{
    private static readonly byte[] ColorPhoto = NonRadiographGenerator.Create(NonRadiographKind.ColorPhoto, 0).Bytes;
    // A page scanned in gray (some generated pages have a paper tint, which the colour check would catch first).
    private static readonly byte[] TextPage = Enumerable.Range(0, 20)
        .Select(i => NonRadiographGenerator.Create(NonRadiographKind.TextPage, i).Bytes)
        .First(bytes => new ImagePipeline(new PreprocessSpec()).Process(bytes).MeanChroma == 0);

    private readonly HttpClient _client = app.Factory.CreateClient();

    [Fact]
    public async Task A_colour_photo_is_a_422_not_a_chest_xray_with_the_input_check()
    {
        using var response = await _client.PostAsync("/api/v1/predictions", TestUploads.Image(ColorPhoto, "holiday.jpg"));

        var problem = await ProblemAssert.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity, "not-a-chest-xray");
        var check = problem.GetProperty("inputCheck");
        Assert.False(check.GetProperty("isChestXray").GetBoolean());
        Assert.Equal("color", check.GetProperty("reason").GetString());
        Assert.StartsWith("The image is in colour", ProblemAssert.Detail(problem), StringComparison.Ordinal);
        Assert.EndsWith("Send force=true to get the model's answer anyway (it is then not a finding).", ProblemAssert.Detail(problem), StringComparison.Ordinal);
        Assert.False(problem.TryGetProperty("label", out _));
    }

    [Fact]
    public async Task A_gray_text_page_is_refused_by_the_learned_distance()
    {
        using var response = await _client.PostAsync("/api/v1/predictions", TestUploads.Image(TextPage, "report.png"));

        var problem = await ProblemAssert.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity, "not-a-chest-xray");
        var check = problem.GetProperty("inputCheck");
        Assert.Contains(check.GetProperty("reason").GetString(), new[] { "out_of_distribution", "inverted", "rotated" });
        Assert.True(check.GetProperty("score").GetDouble() > 0);
        Assert.True(check.GetProperty("scoreThreshold").GetDouble() > 0);
    }

    [Fact]
    public async Task With_force_the_answer_comes_back_with_a_warning_and_the_check()
    {
        using var response = await _client.PostAsync("/api/v1/predictions?force=true", TestUploads.Image(ColorPhoto, "holiday.jpg"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(body.GetProperty("label").GetString(), new[] { "NORMAL", "PNEUMONIA" });
        Assert.False(body.GetProperty("inputCheck").GetProperty("isChestXray").GetBoolean());
        Assert.StartsWith("Forced past the input guard: The image is in colour", body.GetProperty("warning").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_real_film_passes_with_a_score_below_the_threshold_and_no_warning()
    {
        var film = File.ReadAllBytes(Path.Combine(TestData.DataRoot, "val", "NORMAL", "NORMAL2-IM-1427-0001.jpeg"));
        using var response = await _client.PostAsync("/api/v1/predictions", TestUploads.Image(film));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var check = body.GetProperty("inputCheck");
        Assert.True(check.GetProperty("isChestXray").GetBoolean());
        Assert.Equal(JsonValueKind.Null, check.GetProperty("reason").ValueKind);
        Assert.True(check.GetProperty("score").GetDouble() < check.GetProperty("scoreThreshold").GetDouble());
        Assert.False(body.TryGetProperty("warning", out _));
    }

    [Fact]
    public async Task In_a_batch_a_refused_image_gets_its_own_422_and_the_film_its_result()
    {
        var film = File.ReadAllBytes(Path.Combine(TestData.DataRoot, "val", "PNEUMONIA", "person1946_bacteria_4874.jpeg"));
        using var form = TestUploads.Form(("images", film, "film.jpeg"), ("images", ColorPhoto, "photo.jpg"));
        using var response = await _client.PostAsync("/api/v1/predictions/batch", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var items = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(200, items[0].GetProperty("status").GetInt32());
        Assert.Equal(422, items[1].GetProperty("status").GetInt32());
        var error = items[1].GetProperty("error");
        Assert.Equal("https://cxr.dev/problems/not-a-chest-xray", error.GetProperty("type").GetString());
        Assert.Equal("color", error.GetProperty("inputCheck").GetProperty("reason").GetString());
    }

    /// <summary>The app serving <c>models/cxr-default.onnx</c>.</summary>
    public sealed class CommittedModelApp : IDisposable
    {
        public CxrWebFactory Factory { get; } = new(new Dictionary<string, string?>
        {
            ["Cxr:ModelPath"] = Path.Combine(TestData.RepoRoot, "models", "cxr-default.onnx"),
        });

        public void Dispose() => Factory.Dispose();
    }
}
