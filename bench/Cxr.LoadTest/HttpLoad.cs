using System.Diagnostics;
using System.Net.Http.Headers;

namespace Cxr.LoadTest;

/// <summary>Sends single-image predictions (raw JPEG body) to a running <c>cxr serve</c>.</summary>
internal sealed class HttpLoad(string baseUrl, byte[] image, bool heatmap) : IDisposable
{
    private readonly HttpClient _client = new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = 1024,
        PooledConnectionLifetime = TimeSpan.FromMinutes(10),
    })
    {
        BaseAddress = new Uri(baseUrl),
        Timeout = TimeSpan.FromSeconds(60),
    };

    private readonly string _path = heatmap ? "api/v1/predictions?heatmap=true" : "api/v1/predictions";

    /// <summary>Sends one request; returns the status (0 = transport error) and the latency in ms.</summary>
    public async Task<(int Status, double Milliseconds)> SendAsync(CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(image);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await _client.PostAsync(_path, content, cancellationToken);
            await response.Content.CopyToAsync(Stream.Null, cancellationToken);
            return ((int)response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (HttpRequestException)
        {
            return (0, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    /// <summary>Closed loop: <paramref name="concurrency"/> workers each send the next request as soon as the last one
    /// answered, for <paramref name="duration"/> (after <paramref name="warmup"/>, not recorded).</summary>
    public async Task<(LatencyRecorder Recorder, double Seconds)> RunClosedLoopAsync(int concurrency, TimeSpan warmup, TimeSpan duration)
    {
        var recorder = new LatencyRecorder();
        var warmupEnds = Stopwatch.GetTimestamp() + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var ends = warmupEnds + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long measuredStart = 0;
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < ends)
            {
                var (status, ms) = await SendAsync(CancellationToken.None);
                if (Stopwatch.GetTimestamp() >= warmupEnds)
                {
                    Interlocked.CompareExchange(ref measuredStart, Stopwatch.GetTimestamp(), 0);
                    recorder.Record(status, ms);
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var seconds = (double)(Stopwatch.GetTimestamp() - warmupEnds) / Stopwatch.Frequency;
        return (recorder, seconds);
    }

    /// <summary>Open loop: starts <paramref name="rate"/> requests per second regardless of answers (at most
    /// <paramref name="maxInFlight"/> outstanding; sends beyond that are skipped and counted, never sent), calling
    /// <paramref name="onSecond"/> once per elapsed second.</summary>
    public async Task<(LatencyRecorder Recorder, int Skipped)> RunOpenLoopAsync(double rate, TimeSpan duration, int maxInFlight, Action<int> onSecond)
    {
        var recorder = new LatencyRecorder();
        var inFlight = new List<Task>();
        var started = Stopwatch.GetTimestamp();
        var sent = 0L;
        var lastSecond = 0;
        var skipped = 0;
        while (true)
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (elapsed >= duration)
            {
                break;
            }

            if ((int)elapsed.TotalSeconds > lastSecond)
            {
                lastSecond = (int)elapsed.TotalSeconds;
                onSecond(lastSecond);
            }

            var due = (long)(elapsed.TotalSeconds * rate);
            while (sent < due)
            {
                sent++;
                inFlight.RemoveAll(t => t.IsCompleted);
                if (inFlight.Count >= maxInFlight)
                {
                    skipped++;
                    continue;
                }

                inFlight.Add(Task.Run(async () =>
                {
                    var (status, ms) = await SendAsync(CancellationToken.None);
                    recorder.Record(status, ms);
                }));
            }

            await Task.Delay(1);
        }

        await Task.WhenAll(inFlight);
        return (recorder, skipped);
    }

    public void Dispose() => _client.Dispose();
}
