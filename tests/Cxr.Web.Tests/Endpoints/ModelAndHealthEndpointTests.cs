using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cxr.Testing;
using Cxr.Testing.Models;
using Cxr.Web.Tests.Infrastructure;

namespace Cxr.Web.Tests.Endpoints;

public sealed class ModelAndHealthEndpointTests(DefaultApp app) : IClassFixture<DefaultApp>
{
    private readonly HttpClient _client = app.Factory.CreateClient();

    [Fact]
    public async Task The_model_card_describes_the_served_model()
    {
        var card = await _client.GetFromJsonAsync<JsonElement>("/api/v1/model");
        Assert.Equal(TinyModel.Name, card.GetProperty("name").GetString());
        Assert.Equal("0.0.0-test", card.GetProperty("version").GetString());
        Assert.Matches("^[0-9a-f]{64}$", card.GetProperty("sha256").GetString());
        Assert.Equal("cxrnet", card.GetProperty("architecture").GetString());
        Assert.Equal(new[] { "NORMAL", "PNEUMONIA" }, card.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(TinyModel.Threshold, card.GetProperty("threshold").GetDouble());
        Assert.Equal("fixed:0.5", card.GetProperty("thresholdPolicy").GetString());
        Assert.Equal(1.0, card.GetProperty("temperature").GetDouble());
        Assert.True(card.GetProperty("hasHeatmap").GetBoolean());
        Assert.Equal(64, card.GetProperty("preprocess").GetProperty("size").GetInt32());
        Assert.Equal("stretch", card.GetProperty("preprocess").GetProperty("mode").GetString());
        Assert.Equal("{\"method\":\"none\"}", card.GetProperty("preprocess").GetProperty("contrast").GetRawText());
        Assert.Contains("Not a medical device", card.GetProperty("intendedUse").GetString(), StringComparison.Ordinal);
        Assert.Equal(TinyModel.Name, card.GetProperty("metadata").GetProperty("cxr.name").GetString());
    }

    [Fact]
    public async Task The_limits_say_what_is_accepted()
    {
        var limits = await _client.GetFromJsonAsync<JsonElement>("/api/v1/limits");
        Assert.Equal(20_000_000, limits.GetProperty("maxRequestBytes").GetInt64());
        Assert.Equal(25_000_000, limits.GetProperty("maxPixels").GetInt64());
        Assert.Equal(32, limits.GetProperty("maxBatchImages").GetInt32());
        Assert.Equal(32, limits.GetProperty("minSidePixels").GetInt32());
        Assert.Contains("jpeg", limits.GetProperty("formats").EnumerateArray().Select(f => f.GetString()));
    }

    [Fact]
    public async Task Liveness_and_readiness_answer_healthy()
    {
        using var live = await _client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        var liveBody = await live.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Healthy", liveBody.GetProperty("status").GetString());

        using var ready = await _client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var readyBody = await ready.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Healthy", readyBody.GetProperty("status").GetString());
        var model = readyBody.GetProperty("checks").GetProperty("model");
        Assert.Contains(TinyModel.Name, model.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("no-store", ready.Headers.CacheControl?.ToString());
    }
}
