using System.Diagnostics;
using System.Net.Http.Headers;
using Cxr.Testing;
using SkiaSharp;
using Xunit.Abstractions;

namespace Cxr.Cli.Tests.Commands;

/// <summary>
/// Graceful shutdown of the real <c>cxr serve</c> process: SIGTERM while requests are in flight (some queued for the one
/// inference slot, some still uploading for another 2.5 s) lets every one of them finish with 200, and then the process
/// exits with 0.
/// </summary>
[Collection(RealServerCollection.Name)]
public sealed class ServeShutdownTests(ITestOutputHelper output) : IDisposable
{
    private const int Queued = 6;
    private const int Uploading = 2;
    private static readonly TimeSpan UploadPause = TimeSpan.FromSeconds(2.5);
    private static readonly TimeSpan ExitLimit = TimeSpan.FromSeconds(10);

    private readonly TempFolder _folder = new();

    [Fact]
    public async Task On_SIGTERM_in_flight_requests_finish_with_200_and_the_process_exits_0()
    {
        var small = File.ReadAllBytes(TestData.FirstValidationFilm("NORMAL"));
        // A 3000 × 3000 JPEG takes ~0.1 s to decode and resize, so requests queue for the single slot long enough to be
        // caught in flight.
        var large = Upscale(small, 3000);
        await using var server = await ServeProcess.StartAsync(_folder.Root, ServeProcess.DefaultModel,
            "--Cxr:MaxConcurrentInferences=1", "--Cxr:RateLimit:PermitsPerMinute=0");
        using var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(60) };
        using (var warm = await client.PostAsync("/api/v1/predictions", Jpeg(large)))
        {
            Assert.Equal(200, (int)warm.StatusCode);
        }

        var clock = Stopwatch.StartNew();
        var uploads = Enumerable.Range(0, Uploading).Select(_ => new SplitUploadContent(small, small.Length / 2, "image/jpeg")).ToList();
        var requests = uploads.Select(u => Timed(client.PostAsync("/api/v1/predictions", u), clock)).ToList();
        await Task.WhenAll(uploads.Select(u => u.FirstPartSent)).WaitAsync(TimeSpan.FromSeconds(30));
        requests.AddRange(Enumerable.Range(0, Queued).Select(_ => Timed(client.PostAsync("/api/v1/predictions?heatmap=true", Jpeg(large)), clock)));
        var load = await WaitForLoadAsync(client, Queued);

        server.Terminate();
        var signalled = clock.Elapsed;
        // The uploads finish only after UploadPause: longer than the 2 s System.CommandLine allows by default.
        await Task.Delay(UploadPause);
        uploads.ForEach(u => u.Resume());
        var answers = await Task.WhenAll(requests).WaitAsync(TimeSpan.FromSeconds(60));
        var exitCode = await server.WaitForExitAsync(TimeSpan.FromSeconds(60));
        var exited = clock.Elapsed;
        uploads.ForEach(u => u.Dispose());

        output.WriteLine($"in flight at SIGTERM: {Uploading} uploads half sent, and {load}");
        output.WriteLine($"answers after SIGTERM (s): {string.Join(", ", answers.Select(a => $"{a.Status} at +{(a.At - signalled).TotalSeconds:F2}"))}");
        output.WriteLine($"exit code {exitCode} at +{(exited - signalled).TotalSeconds:F2} s after SIGTERM");
        output.WriteLine("last log lines: " + string.Join(" | ", server.OutputLines.TakeLast(3)));

        Assert.All(answers, a => Assert.Equal(200, a.Status));
        Assert.All(answers, a => Assert.True(a.At > signalled, "every answer came after the signal"));
        Assert.Equal(0, exitCode);
        Assert.InRange(exited - signalled, TimeSpan.Zero, ExitLimit);
        Assert.Contains(server.OutputLines, l => l.Contains("Application is shutting down", StringComparison.Ordinal));
    }

    public void Dispose() => _folder.Dispose();

    private static ByteArrayContent Jpeg(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        return content;
    }

    private static byte[] Upscale(byte[] jpeg, int size)
    {
        using var source = SKBitmap.Decode(jpeg);
        using var large = source.Resize(new SKImageInfo(size, size), new SKSamplingOptions(SKFilterMode.Linear));
        using var encoded = large.Encode(SKEncodedImageFormat.Jpeg, 90);
        return encoded.ToArray();
    }

    private static async Task<(int Status, TimeSpan At)> Timed(Task<HttpResponseMessage> request, Stopwatch clock)
    {
        using var response = await request;
        await response.Content.CopyToAsync(Stream.Null);
        return ((int)response.StatusCode, clock.Elapsed);
    }

    /// <summary>Waits until <paramref name="count"/> requests are running or queued at the inference gate.</summary>
    private static async Task<string> WaitForLoadAsync(HttpClient client, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var (running, queued, description) = await ServerLoad.ReadAsync(client);
            if (running + queued >= count)
            {
                return $"{running} running and {queued} queued at the gate";
            }

            await Task.Delay(5, timeout.Token);
        }
    }
}
