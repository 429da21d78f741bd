using System.Diagnostics;
using System.Net;
using Cxr.Testing.Images;
using Cxr.Web.Inference;
using Cxr.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Cxr.Web.Tests.Endpoints;

/// <summary>
/// Requests nobody waits for stop their work: a batch of 24 MP colour films (seconds of decoding) that hits the request
/// timeout is answered 503 <c>timeout</c> at the timeout, not after the batch; one whose client disconnects is logged
/// 499 and gives its inference slot back at once. Both release the slot, so later requests are served.
/// </summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class AbandonedRequestTests(ITestOutputHelper output)
{
    private const int Films = 6;

    // The aim is 100 ms (measured: well under it); the bound leaves room for a loaded 2-core machine.
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(1);

    private static readonly Lazy<byte[]> Film = new(() => LargeFilm.ColourJpeg(6000, 4000));

    [Fact]
    public async Task A_batch_that_outlasts_the_timeout_is_answered_503_at_the_timeout_and_frees_its_slot()
    {
        using var factory = new CxrWebFactory(new Dictionary<string, string?>
        {
            ["Cxr:MaxConcurrentInferences"] = "1",
            ["Cxr:RequestTimeoutSeconds"] = "0.5",
        });
        using var client = factory.CreateClient();
        var gate = factory.Services.GetRequiredService<InferenceGate>();
        using var batch = Batch();

        var sent = Stopwatch.GetTimestamp();
        using var response = await client.PostAsync("/api/v1/predictions/batch", batch);
        var answeredAfter = Stopwatch.GetElapsedTime(sent);
        var freedAfter = await WaitUntilFreeAsync(gate);

        output.WriteLine($"{Films} × 24 MP colour JPEG, timeout 0.5 s: {(int)response.StatusCode} after {answeredAfter.TotalMilliseconds:F0} ms; slot free {freedAfter.TotalMilliseconds:F0} ms later");
        await ProblemAssert.AssertProblemAsync(response, HttpStatusCode.ServiceUnavailable, "timeout");
        Assert.True(answeredAfter < TimeSpan.FromSeconds(0.5) + StopBound, $"answered after {answeredAfter.TotalMilliseconds:F0} ms");
        Assert.True(freedAfter < StopBound, $"the slot was freed {freedAfter.TotalMilliseconds:F0} ms after the answer");
        using var after = await client.PostAsync("/api/v1/predictions", TestUploads.Image(TestUploads.Normal));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task A_batch_whose_client_disconnects_is_logged_499_and_frees_its_slot_at_once()
    {
        using var factory = new CxrWebFactory(new Dictionary<string, string?> { ["Cxr:MaxConcurrentInferences"] = "1" });
        using var client = factory.CreateClient();
        var gate = factory.Services.GetRequiredService<InferenceGate>();
        using var batch = Batch();
        using var cancel = new CancellationTokenSource();

        var sending = client.PostAsync("/api/v1/predictions/batch", batch, cancel.Token);
        var started = Stopwatch.StartNew();
        while (gate.Running == 0)
        {
            Assert.True(started.Elapsed < TimeSpan.FromSeconds(30), "the batch never started");
            await Task.Delay(5);
        }

        await Task.Delay(300); // inside the first film's decoding
        var cancelledAt = Stopwatch.GetTimestamp();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        var freedAfter = await WaitUntilFreeAsync(gate, cancelledAt);

        var logged = factory.Logs.Entries.Where(e => e.Category.EndsWith("RequestLoggingMiddleware", StringComparison.Ordinal)).ToList();
        output.WriteLine($"{Films} × 24 MP colour JPEG, client gone 300 ms into decoding: slot free {freedAfter.TotalMilliseconds:F0} ms after the disconnect; logged {string.Join(", ", logged.Select(e => e.Properties["StatusCode"]))}");
        Assert.True(freedAfter < StopBound, $"the slot was freed {freedAfter.TotalMilliseconds:F0} ms after the disconnect");
        Assert.Equal(499, Assert.Single(logged).Properties["StatusCode"]);
        Assert.DoesNotContain(factory.Logs.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
        using var after = await client.PostAsync("/api/v1/predictions", TestUploads.Image(TestUploads.Normal));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    private static MultipartFormDataContent Batch() => BatchUpload.OfCopies(Film.Value, Films);

    private static async Task<TimeSpan> WaitUntilFreeAsync(InferenceGate gate, long? from = null)
    {
        var start = from ?? Stopwatch.GetTimestamp();
        while (gate.Running != 0)
        {
            Assert.True(Stopwatch.GetElapsedTime(start) < TimeSpan.FromSeconds(30), "the slot was never freed");
            await Task.Delay(2);
        }

        return Stopwatch.GetElapsedTime(start);
    }
}
