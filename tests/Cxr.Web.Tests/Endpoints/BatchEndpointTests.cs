using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cxr.Web.Tests.Infrastructure;

namespace Cxr.Web.Tests.Endpoints;

public sealed class BatchEndpointTests(DefaultApp app) : IClassFixture<DefaultApp>
{
    private readonly HttpClient _client = app.Factory.CreateClient();

    [Fact]
    public async Task Each_image_gets_its_own_result_or_its_own_problem()
    {
        using var form = TestUploads.Form(
            ("images", TestUploads.Normal, "a.jpeg"),
            ("images", TestUploads.Pdf, "b.pdf"),
            ("images", TestUploads.TruncatedJpeg, "c.jpeg"),
            ("image", TestUploads.Pneumonia, "d.jpeg"));
        using var response = await _client.PostAsync("/api/v1/predictions/batch?heatmap=true", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(4, body.GetProperty("count").GetInt32());
        Assert.Equal(2, body.GetProperty("succeeded").GetInt32());
        Assert.Equal(2, body.GetProperty("failed").GetInt32());
        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(new[] { 0, 1, 2, 3 }, items.Select(i => i.GetProperty("index").GetInt32()));
        Assert.Equal(new[] { "a.jpeg", "b.pdf", "c.jpeg", "d.jpeg" }, items.Select(i => i.GetProperty("fileName").GetString()));
        Assert.Equal(new[] { 200, 415, 422, 200 }, items.Select(i => i.GetProperty("status").GetInt32()));

        Assert.True(items[0].GetProperty("result").TryGetProperty("heatmapPng", out _));
        Assert.False(items[0].TryGetProperty("error", out _));
        var pdf = items[1].GetProperty("error");
        Assert.Equal("https://cxr.dev/problems/unsupported-image-format", pdf.GetProperty("type").GetString());
        Assert.Contains("PDF", pdf.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.False(items[1].TryGetProperty("result", out _));
        Assert.Equal("https://cxr.dev/problems/undecodable-image", items[2].GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Thirty_two_images_are_accepted()
    {
        using var form = TestUploads.Form([.. Enumerable.Range(0, 32).Select(i => ("images", i % 2 == 0 ? TestUploads.Normal : TestUploads.Pneumonia, $"{i}.jpeg"))]);
        using var response = await _client.PostAsync("/api/v1/predictions/batch", form);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(32, body.GetProperty("succeeded").GetInt32());
    }

    [Fact]
    public async Task Thirty_three_images_are_refused_with_400()
    {
        using var form = TestUploads.Form([.. Enumerable.Range(0, 33).Select(i => ("images", TestUploads.Normal, $"{i}.jpeg"))]);
        using var response = await _client.PostAsync("/api/v1/predictions/batch", form);
        var problem = await ProblemAssert.AssertProblemAsync(response, HttpStatusCode.BadRequest, "too-many-images");
        Assert.Contains("32", ProblemAssert.Detail(problem), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_without_images_is_400_missing_image()
    {
        using var form = new MultipartFormDataContent { { new StringContent("x"), "comment" } };
        using var response = await _client.PostAsync("/api/v1/predictions/batch", form);
        await ProblemAssert.AssertProblemAsync(response, HttpStatusCode.BadRequest, "missing-image");
    }

    [Fact]
    public async Task A_batch_as_a_raw_body_is_415()
    {
        using var response = await _client.PostAsync("/api/v1/predictions/batch", TestUploads.Raw(TestUploads.Normal, "image/jpeg"));
        await ProblemAssert.AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }
}
