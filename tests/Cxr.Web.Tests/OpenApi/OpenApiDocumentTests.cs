using System.Net.Http.Json;
using System.Text.Json;
using Cxr.Web.Problems;
using Cxr.Web.Tests.Infrastructure;

namespace Cxr.Web.Tests.OpenApi;

public sealed class OpenApiDocumentTests(DefaultApp app) : IClassFixture<DefaultApp>
{
    private readonly HttpClient _client = app.Factory.CreateClient();

    [Fact]
    public async Task The_document_lists_every_endpoint()
    {
        var document = await _client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = document.GetProperty("paths");
        Assert.True(paths.GetProperty("/api/v1/predictions").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/api/v1/predictions/batch").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/api/v1/model").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/api/v1/limits").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/health/live").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/health/ready").TryGetProperty("get", out _));
    }

    [Fact]
    public async Task The_upload_bodies_parameters_and_problem_responses_are_described()
    {
        var document = await _client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var predict = document.GetProperty("paths").GetProperty("/api/v1/predictions").GetProperty("post");
        var content = predict.GetProperty("requestBody").GetProperty("content");
        Assert.True(content.GetProperty("multipart/form-data").GetProperty("schema").GetProperty("properties").TryGetProperty("image", out _));
        Assert.True(content.TryGetProperty("image/jpeg", out _));
        Assert.Contains(predict.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "heatmap");
        var responses = predict.GetProperty("responses");
        foreach (var status in new[] { "200", "400", "413", "415", "422", "429", "503" })
        {
            Assert.True(responses.TryGetProperty(status, out _), status);
        }

        var batch = document.GetProperty("paths").GetProperty("/api/v1/predictions/batch").GetProperty("post");
        Assert.True(batch.GetProperty("requestBody").GetProperty("content").GetProperty("multipart/form-data")
            .GetProperty("schema").GetProperty("properties").TryGetProperty("images", out _));
    }

    [Fact]
    public async Task The_description_lists_every_problem_type()
    {
        var document = await _client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var description = document.GetProperty("info").GetProperty("description").GetString()!;
        Assert.All(ProblemTypes.All, p => Assert.Contains(p.Type, description, StringComparison.Ordinal));
    }
}
