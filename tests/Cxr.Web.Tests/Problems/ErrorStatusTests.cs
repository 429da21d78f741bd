using System.Net;
using System.Net.Http.Headers;
using Cxr.Web.Tests.Infrastructure;

namespace Cxr.Web.Tests.Problems;

/// <summary>Every error status of the API, each as a problem document with its stable type.</summary>
public sealed class ErrorStatusTests(DefaultApp app) : IClassFixture<DefaultApp>
{
    private readonly HttpClient _client = app.Factory.CreateClient();

    [Fact]
    public async Task Multipart_without_an_image_field_is_400_missing_image()
    {
        using var form = TestUploads.Form(("file", TestUploads.Normal, "x.jpeg"));
        using var response = await _client.PostAsync("/api/v1/predictions", form);
        var problem = await ProblemAssert.AssertProblemAsync(response, HttpStatusCode.BadRequest, "missing-image");
        Assert.Contains("\"image\"", ProblemAssert.Detail(problem), StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_body_at_all_is_400_missing_image()
    {
        using var response = await _client.PostAsync("/api/v1/predictions", null);
        await ProblemAssert.AssertProblemAsync(response, HttpStatusCode.BadRequest, "missing-image");
    }

    [Fact]
    public async Task An_empty_file_is_400_empty_image()
    {
        using var response = await _client.PostAsync("/api/v1/predictions", TestUploads.Image([], "empty.jpeg"));
        await ProblemAssert.AssertProblemAsync(response, HttpStatusCode.BadRequest, "empty-image");
    }

    [Fact]
    public async Task Two_images_on_the_single_endpoint_are_400()
    {
        using var form = TestUploads.Form(("image", TestUploads.Normal, "a.jpeg"), ("image", TestUploads.Normal, "b.jpeg"));
        using var response = await _client.PostAsync("/api/v1/predictions", form);
        var problem = await ProblemAssert.AssertProblemAsync(response, HttpStatusCode.BadRequest, "invalid-request");
        Assert.Contains("/api/v1/predictions/batch", ProblemAssert.Detail(problem), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("heatmap=maybe", "heatmap")]
    [InlineData("heatmap=true&heatmapStyle=sparkles", "heatmapStyle")]
    public async Task A_bad_query_value_is_400_naming_the_parameter(string query, string parameter)
    {
        using var response = await _client.PostAsync($"/api/v1/predictions?{query}", TestUploads.Image(TestUploads.Normal));
        var problem = await ProblemAssert.AssertProblemAsync(response, HttpStatusCode.BadRequest, "invalid-request");
        Assert.Contains(parameter, ProblemAssert.Detail(problem), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_multipart_body_is_400()
    {
        var content = new StringContent("--abc\r\nContent-Disposition: form-data; name=\"image\"\r\n\r\nno closing boundary");
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=abc");
        using var response = await _client.PostAsync("/api/v1/predictions", content);
        await ProblemAssert.AssertProblemAsync(response, HttpStatusCode.BadRequest, "invalid-request");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/json")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task A_body_that_is_neither_multipart_nor_an_image_type_is_415(string contentType)
    {
        using var response = await _client.PostAsync("/api/v1/predictions", TestUploads.Raw(TestUploads.Normal, contentType));
        var problem = await ProblemAssert.AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        Assert.Contains(contentType, ProblemAssert.Detail(problem), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_without_a_content_type_is_415()
    {
        var content = new ByteArrayContent(TestUploads.Normal);
        using var response = await _client.PostAsync("/api/v1/predictions", content);
        await ProblemAssert.AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Fact]
    public async Task A_pdf_sent_as_an_image_is_sniffed_and_refused_with_415()
    {
        using var response = await _client.PostAsync("/api/v1/predictions", TestUploads.Image(TestUploads.Pdf, "scan.jpeg"));
        var problem = await ProblemAssert.AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported-image-format");
        Assert.Contains("PDF", ProblemAssert.Detail(problem), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_jpeg_is_422_undecodable_image()
    {
        using var response = await _client.PostAsync("/api/v1/predictions", TestUploads.Raw(TestUploads.TruncatedJpeg, "image/jpeg"));
        await ProblemAssert.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity, "undecodable-image");
    }

    [Fact]
    public async Task Unknown_paths_are_404_and_wrong_methods_405_as_problems()
    {
        using var missing = await _client.GetAsync("/api/v1/nothing-here");
        await ProblemAssert.AssertProblemAsync(missing, HttpStatusCode.NotFound, "not-found");
        using var wrongMethod = await _client.GetAsync("/api/v1/predictions");
        await ProblemAssert.AssertProblemAsync(wrongMethod, HttpStatusCode.MethodNotAllowed, "method-not-allowed");
    }
}
