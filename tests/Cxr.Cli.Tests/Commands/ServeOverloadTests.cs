using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Cxr.Testing;
using Xunit.Abstractions;

namespace Cxr.Cli.Tests.Commands;

/// <summary>
/// The real <c>cxr serve</c> process under twice the load it can sustain, for 60 s: every answer is 200, 429 or 503,
/// every 429/503 is a problem document with <c>Retry-After</c>, nothing fails at the transport level, and the server's
/// resident memory stays flat.
/// </summary>
/// <remarks>
/// <para>Sustainable rate: a closed loop (16 workers, each sending the next request when the last is answered) of raw
/// 224 × 224 JPEG predictions without heatmap, measured for 5 s after a 2 s warm-up, on a server with the per-client
/// rate limit off. Every request comes from 127.0.0.1, i.e. one client.</para>
/// <para>Overload: a second server whose per-client limit is 1.5 × the sustainable rate (burst: one second of it), so
/// both ways of shedding load are exercised: the limiter answers the top quarter of the offered 2 × with 429, and the
/// inference gate (2 slots, 32 queue places) answers what the limiter admits beyond capacity with 503. The open loop
/// sends at 2 × regardless of answers (at most 512 outstanding; sends beyond that are counted, not made, and at least
/// 1.8 × must actually be sent).</para>
/// </remarks>
[Collection(RealServerCollection.Name)]
public sealed class ServeOverloadTests(ITestOutputHelper output) : IDisposable
{
    private const int ClosedLoopWorkers = 16;
    private const int MaxInFlight = 512;
    private const string Path = "/api/v1/predictions";
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Measure = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Overload = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    private readonly TempFolder _folder = new();
    private readonly byte[] _image = File.ReadAllBytes(TestData.FirstValidationFilm("PNEUMONIA"));

    [Fact]
    public async Task At_twice_the_sustainable_rate_for_60_s_only_200_429_and_503_come_back_and_memory_stays_flat()
    {
        double sustainable;
        await using (var probe = await ServeProcess.StartAsync(_folder.Root, ServeProcess.DefaultModel, "--Cxr:RateLimit:PermitsPerMinute=0"))
        {
            using var client = NewClient(probe.Address);
            await ClosedLoopAsync(client, WarmUp);
            var (answered, seconds, others) = await ClosedLoopAsync(client, Measure);
            Assert.True(others == 0, $"{others} closed-loop requests were not answered 200");
            sustainable = answered / seconds;
            probe.Terminate();
            await probe.WaitForExitAsync(TimeSpan.FromSeconds(30));
        }

        var rate = 2 * sustainable;
        var permitsPerSecond = (int)Math.Ceiling(1.5 * sustainable);
        await using var server = await ServeProcess.StartAsync(_folder.Root, ServeProcess.DefaultModel,
            $"--Cxr:RateLimit:PermitsPerMinute={permitsPerSecond * 60}", $"--Cxr:RateLimit:Burst={permitsPerSecond}");
        using var overloadClient = NewClient(server.Address);
        var outcomes = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var faults = new ConcurrentQueue<string>();
        var resident = new List<(double Second, double Megabytes)>();
        var inFlight = 0;
        var offered = 0L;
        var skipped = 0;
        var sends = new List<Task>();
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) is var elapsed && elapsed < Overload)
        {
            if (elapsed.TotalSeconds >= resident.Count)
            {
                resident.Add((elapsed.TotalSeconds, server.ResidentMegabytes()));
            }

            for (var due = (long)(elapsed.TotalSeconds * rate); offered < due; offered++)
            {
                if (Volatile.Read(ref inFlight) >= MaxInFlight)
                {
                    skipped++;
                    continue;
                }

                Interlocked.Increment(ref inFlight);
                sends.Add(Task.Run(async () =>
                {
                    try
                    {
                        await SendCheckedAsync(overloadClient, outcomes, faults);
                    }
                    finally
                    {
                        Interlocked.Decrement(ref inFlight);
                    }
                }));
            }

            await Task.Delay(1);
        }

        await Task.WhenAll(sends);
        var offeredSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var idle = await ServerLoad.WaitForIdleAsync(overloadClient, TimeSpan.FromSeconds(10));
        using (var after = await overloadClient.PostAsync(Path, Jpeg()))
        {
            Assert.Equal(200, (int)after.StatusCode);
        }

        var first = resident.Where(r => r.Second < Window.TotalSeconds).Average(r => r.Megabytes);
        var last = resident.Where(r => r.Second >= (Overload - Window).TotalSeconds).Average(r => r.Megabytes);
        var growth = (last - first) / first;
        output.WriteLine($"sustainable (closed loop, {ClosedLoopWorkers} workers, {Measure.TotalSeconds:F0} s): {sustainable:F1} req/s");
        output.WriteLine($"rate limit: {permitsPerSecond * 60} per minute (burst {permitsPerSecond}); offered {rate:F1} req/s for {Overload.TotalSeconds:F0} s: {offered:N0} offered, {sends.Count:N0} sent, {skipped:N0} skipped (over {MaxInFlight} outstanding), last answer after {offeredSeconds:F1} s");
        foreach (var (outcome, count) in outcomes.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {outcome}: {count:N0} ({100.0 * count / sends.Count:F1} %)");
        }

        output.WriteLine($"200s per second: {outcomes.GetValueOrDefault("200") / Overload.TotalSeconds:F1}");
        output.WriteLine($"server RSS: first {Window.TotalSeconds:F0} s mean {first:F1} MB, last {Window.TotalSeconds:F0} s mean {last:F1} MB ({100 * growth:+0.0;-0.0} %), min {resident.Min(r => r.Megabytes):F1} MB, max {resident.Max(r => r.Megabytes):F1} MB");
        output.WriteLine("server RSS per 10 s: " + string.Join(", ", resident.GroupBy(r => (int)(r.Second / 10)).Select(g => $"{g.Average(r => r.Megabytes):F1}")) + " MB");
        output.WriteLine($"after the overload: {idle}");
        foreach (var fault in faults.Take(10))
        {
            output.WriteLine("FAULT " + fault);
        }

        Assert.True(faults.IsEmpty, $"{faults.Count} answers broke the contract; first: {faults.FirstOrDefault()}");
        Assert.All(outcomes.Keys, k => Assert.Matches("^(200|429 rate-limited|503 overloaded|503 timeout)$", k));
        Assert.True(outcomes.GetValueOrDefault("200") > 0, "nothing was answered 200");
        // The generator shares the 2 cores with the server, so at 2 × it sometimes meets its outstanding cap (1 % of
        // sends skipped was seen on CI). What the test needs is real overload: at least 1.8 × the sustainable rate
        // actually sent, and both shedding paths taken.
        var sentRate = sends.Count / Overload.TotalSeconds;
        Assert.True(sentRate >= 1.8 * sustainable, $"{skipped} of {offered} sends skipped: {sentRate:F1} req/s sent, under 1.8 × the sustainable {sustainable:F1} req/s; the load generator could not offer the rate");
        Assert.True(outcomes.GetValueOrDefault("429 rate-limited") > 0, "the rate limiter never answered 429");
        Assert.True(outcomes.Keys.Any(k => k.StartsWith("503 ", StringComparison.Ordinal)), "the inference gate never answered 503");
        Assert.InRange(growth, double.MinValue, 0.25);
        Assert.Matches("; 0 running, 0 queued$", idle);
    }

    public void Dispose() => _folder.Dispose();

    private static HttpClient NewClient(Uri address) => new(new SocketsHttpHandler { MaxConnectionsPerServer = MaxInFlight })
    {
        BaseAddress = address,
        Timeout = TimeSpan.FromSeconds(120),
    };

    private ByteArrayContent Jpeg()
    {
        var content = new ByteArrayContent(_image);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        return content;
    }

    /// <summary>Closed loop for <paramref name="duration"/>: 200s answered, seconds, other answers.</summary>
    private async Task<(int Answered, double Seconds, int Others)> ClosedLoopAsync(HttpClient client, TimeSpan duration)
    {
        var answered = 0;
        var others = 0;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, ClosedLoopWorkers).Select(_ => Task.Run(async () =>
        {
            while (Stopwatch.GetElapsedTime(started) < duration)
            {
                using var response = await client.PostAsync(Path, Jpeg());
                await response.Content.CopyToAsync(Stream.Null);
                Interlocked.Increment(ref response.IsSuccessStatusCode ? ref answered : ref others);
            }
        })));
        return (answered, Stopwatch.GetElapsedTime(started).TotalSeconds, others);
    }

    /// <summary>Sends one prediction and checks the contract: 200, or 429/503 with Retry-After ≥ 1 s and a cxr problem
    /// document; anything else (including no answer) goes to <paramref name="faults"/>.</summary>
    private async Task SendCheckedAsync(HttpClient client, ConcurrentDictionary<string, int> outcomes, ConcurrentQueue<string> faults)
    {
        try
        {
            using var response = await client.PostAsync(Path, Jpeg());
            var status = (int)response.StatusCode;
            if (status == 200)
            {
                await response.Content.CopyToAsync(Stream.Null);
                outcomes.AddOrUpdate("200", 1, (_, n) => n + 1);
                return;
            }

            var body = await response.Content.ReadAsStringAsync();
            string? type = null;
            try
            {
                type = JsonDocument.Parse(body).RootElement.GetProperty("type").GetString();
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                faults.Enqueue($"{status} without a problem document: {body}");
            }

            var slug = type?.Replace("https://cxr.dev/problems/", "", StringComparison.Ordinal);
            outcomes.AddOrUpdate($"{status} {slug}", 1, (_, n) => n + 1);
            if (status is not (429 or 503))
            {
                faults.Enqueue($"status {status}: {body}");
            }
            else if (response.Headers.RetryAfter?.Delta is not { TotalSeconds: >= 1 })
            {
                faults.Enqueue($"{status} {slug} without Retry-After");
            }
            else if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                faults.Enqueue($"{status} {slug} typed {response.Content.Headers.ContentType}");
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            outcomes.AddOrUpdate("no answer", 1, (_, n) => n + 1);
            faults.Enqueue($"no answer: {e.Message}");
        }
    }
}
