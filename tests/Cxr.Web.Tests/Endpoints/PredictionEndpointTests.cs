using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cxr.Testing;
using Cxr.Testing.Models;
using Cxr.Web.Tests.Infrastructure;

namespace Cxr.Web.Tests.Endpoints;

public sealed class PredictionEndpointTests(DefaultApp app) : IClassFixture<DefaultApp>
{
    private readonly HttpClient _client = app.Factory.CreateClient();

    [Fact]
    public async Task A_multipart_upload_gets_label_probability_threshold_model_and_timings()
    {
        using var response = await _client.PostAsync("/api/v1/predictions", TestUploads.Image(TestUploads.Normal, "normal.jpeg"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Contains(body.GetProperty("label").GetString(), new[] { "NORMAL", "PNEUMONIA" });
        var probability = body.GetProperty("probability").GetDouble();
        Assert.InRange(probability, 0, 1);
        Assert.Equal(TinyModel.Threshold, body.GetProperty("threshold").GetDouble());
        Assert.Equal(probability >= TinyModel.Threshold ? "PNEUMONIA" : "NORMAL", body.GetProperty("label").GetString());

        var model = body.GetProperty("model");
        Assert.Equal(TinyModel.Name, model.GetProperty("name").GetString());
        Assert.Equal("0.0.0-test", model.GetProperty("version").GetString());
        Assert.Matches("^[0-9a-f]{64}$", model.GetProperty("sha256").GetString());

        var timings = body.GetProperty("timingsMs");
        foreach (var name in new[] { "decode", "inference", "total" })
        {
            Assert.True(timings.GetProperty(name).GetDouble() >= 0, name);
        }

        Assert.True(timings.GetProperty("total").GetDouble() >= timings.GetProperty("inference").GetDouble());
        Assert.False(body.TryGetProperty("heatmapPng", out _), "no heatmap unless asked");
        Assert.Equal("normal.jpeg", body.GetProperty("fileName").GetString());
        var image = body.GetProperty("image");
        Assert.Equal("jpeg", image.GetProperty("format").GetString());
        Assert.Equal(TestUploads.Normal.Length, image.GetProperty("bytes").GetInt32());
    }

    [Theory]
    [InlineData("image/jpeg")]
    [InlineData("application/octet-stream")]
    [InlineData("image/png")] // the declared type is not trusted: the bytes are sniffed
    public async Task A_raw_body_with_an_image_content_type_is_accepted(string contentType)
    {
        using var response = await _client.PostAsync("/api/v1/predictions", TestUploads.Raw(TestUploads.Pneumonia, contentType));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("jpeg", body.GetProperty("image").GetProperty("format").GetString());
        Assert.False(body.TryGetProperty("fileName", out _));
    }

    [Fact]
    public async Task The_same_image_gets_the_same_answer_by_multipart_and_raw_body()
    {
        using var multipart = await _client.PostAsync("/api/v1/predictions", TestUploads.Image(TestUploads.Pneumonia));
        using var raw = await _client.PostAsync("/api/v1/predictions", TestUploads.Raw(TestUploads.Pneumonia, "image/jpeg"));
        var a = await multipart.Content.ReadFromJsonAsync<JsonElement>();
        var b = await raw.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(a.GetProperty("probability").GetDouble(), b.GetProperty("probability").GetDouble());
    }

    [Fact]
    public async Task Heatmap_true_adds_a_png_overlay()
    {
        using var response = await _client.PostAsync("/api/v1/predictions?heatmap=true", TestUploads.Image(TestUploads.Normal));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var png = Convert.FromBase64String(body.GetProperty("heatmapPng").GetString()!);
        AssertPng(png, out var width, out var height);
        Assert.True(width >= 448 && height > width, $"overlay with legend strip expected, got {width}×{height}");
    }

    [Fact]
    public async Task Heatmap_style_layer_gives_the_bare_colour_layer_at_the_model_input_size()
    {
        using var response = await _client.PostAsync("/api/v1/predictions?heatmap=true&heatmapStyle=layer", TestUploads.Image(TestUploads.Normal));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var png = Convert.FromBase64String(body.GetProperty("heatmapPng").GetString()!);
        AssertPng(png, out var width, out var height);
        Assert.Equal((64, 64), (width, height));
    }

    [Fact]
    public async Task Heatmap_false_gives_no_heatmap()
    {
        using var response = await _client.PostAsync("/api/v1/predictions?heatmap=false&heatmapStyle=layer", TestUploads.Image(TestUploads.Normal));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(body.TryGetProperty("heatmapPng", out _));
    }

    private static void AssertPng(byte[] png, out int width, out int height)
    {
        Assert.True(png.AsSpan().StartsWith(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }), "not a PNG");
        width = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4));
        height = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4));
    }
}
