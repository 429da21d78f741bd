using System.Net;
using System.Net.Http.Headers;
using Cxr.Web.Inference;
using Cxr.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Cxr.Web.Tests.Uploads;

/// <summary>Statuses that need non-default settings: 413, 422 (pixels), 429, 503 (overload and timeout).</summary>
public sealed class LimitStatusTests
{
    [Fact]
    public async Task A_declared_length_over_the_limit_is_413_before_reading()
    {
        using var factory = new CxrWebFactory(new Dictionary<string, string?> { ["Cxr:MaxRequestBytes"] = "4000" });
        using var client = factory.CreateClient();
        using var response = await client.PostAsync("/api/v1/predictions", TestUploads.Raw(TestUploads.Normal, "image/jpeg"));
        var problem = await ProblemAssert.AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "request-too-large");
        Assert.Contains("4 kB", ProblemAssert.Detail(problem), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_413()
    {
        using var factory = new CxrWebFactory(new Dictionary<string, string?> { ["Cxr:MaxRequestBytes"] = "4000" });
        using var client = factory.CreateClient();
        var content = new StreamContent(new MemoryStream(TestUploads.Normal));
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/predictions") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using var response = await client.SendAsync(request);
        await ProblemAssert.AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "request-too-large");
    }

    [Fact]
    public async Task A_multipart_batch_over_the_limit_is_413()
    {
        using var factory = new CxrWebFactory(new Dictionary<string, string?> { ["Cxr:MaxRequestBytes"] = "12000" });
        using var client = factory.CreateClient();
        using var form = TestUploads.Form(("images", TestUploads.Normal, "a.jpeg"), ("images", TestUploads.Normal, "b.jpeg"), ("images", TestUploads.Normal, "c.jpeg"));
        using var response = await client.PostAsync("/api/v1/predictions/batch", form);
        await ProblemAssert.AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "request-too-large");
    }

    [Fact]
    public async Task An_image_with_more_pixels_than_the_limit_is_422()
    {
        using var factory = new CxrWebFactory(new Dictionary<string, string?> { ["Cxr:MaxPixels"] = "10000" });
        using var client = factory.CreateClient();
        using var response = await client.PostAsync("/api/v1/predictions", TestUploads.Image(TestUploads.Normal));
        var problem = await ProblemAssert.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity, "image-dimensions-too-large");
        Assert.Contains("224", ProblemAssert.Detail(problem), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_over_its_rate_is_429_with_retry_after()
    {
        using var factory = new CxrWebFactory(new Dictionary<string, string?>
        {
            ["Cxr:RateLimit:PermitsPerMinute"] = "2",
            ["Cxr:RateLimit:Burst"] = "2",
        });
        using var client = factory.CreateClient();
        for (var i = 0; i < 2; i++)
        {
            using var ok = await client.PostAsync("/api/v1/predictions", TestUploads.Image(TestUploads.Normal));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var limited = await client.PostAsync("/api/v1/predictions", TestUploads.Image(TestUploads.Normal));
        await ProblemAssert.AssertProblemAsync(limited, HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "Retry-After");

        // Health and the page are not rate limited.
        using var health = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task When_every_slot_and_queue_place_is_taken_requests_are_shed_with_503_and_retry_after()
    {
        using var factory = new CxrWebFactory(new Dictionary<string, string?>
        {
            ["Cxr:MaxConcurrentInferences"] = "1",
            ["Cxr:QueueLimit"] = "0",
        });
        using var client = factory.CreateClient();
        var gate = factory.Services.GetRequiredService<InferenceGate>();
        using (var held = gate.TryEnter())
        {
            Assert.NotNull(held);
            using var shed = await client.PostAsync("/api/v1/predictions", TestUploads.Image(TestUploads.Normal));
            await ProblemAssert.AssertProblemAsync(shed, HttpStatusCode.ServiceUnavailable, "overloaded");
            Assert.Equal(TimeSpan.FromSeconds(1), shed.Headers.RetryAfter?.Delta);
            using var shedBatch = await client.PostAsync("/api/v1/predictions/batch", TestUploads.Form(("images", TestUploads.Normal, "a.jpeg")));
            await ProblemAssert.AssertProblemAsync(shedBatch, HttpStatusCode.ServiceUnavailable, "overloaded");
        }

        using var after = await client.PostAsync("/api/v1/predictions", TestUploads.Image(TestUploads.Normal));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task A_request_waiting_longer_than_the_timeout_is_503_timeout()
    {
        using var factory = new CxrWebFactory(new Dictionary<string, string?>
        {
            ["Cxr:MaxConcurrentInferences"] = "1",
            ["Cxr:QueueLimit"] = "4",
            ["Cxr:RequestTimeoutSeconds"] = "0.3",
        });
        using var client = factory.CreateClient();
        var gate = factory.Services.GetRequiredService<InferenceGate>();
        using var held = gate.TryEnter();
        Assert.NotNull(held);
        using var response = await client.PostAsync("/api/v1/predictions", TestUploads.Image(TestUploads.Normal));
        await ProblemAssert.AssertProblemAsync(response, HttpStatusCode.ServiceUnavailable, "timeout");
        Assert.NotNull(response.Headers.RetryAfter);
    }
}
