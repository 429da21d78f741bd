using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Cxr.Testing;
using Xunit.Abstractions;

namespace Cxr.Cli.Tests.Commands;

/// <summary>
/// Clients that give up: hundreds of requests cancelled in the middle of their upload (raw body with Content-Length,
/// chunked raw body, multipart form) or while waiting for their answer. Afterwards the real <c>cxr serve</c> process
/// still answers, its inference gate is idle (nothing running, nothing queued), it logged no failure, and its resident
/// memory is flat.
/// </summary>
[Collection(RealServerCollection.Name)]
public sealed partial class ServeCancellationTests(ITestOutputHelper output) : IDisposable
{
    private const int Workers = 8;
    private const int PerWorkerAndRound = 60;
    private const int WarmUpRounds = 5;
    private const int MeasuredRounds = 5;
    private const int Seed = 20_261_126;

    private static readonly string[] Kinds = ["raw body mid-upload", "chunked body mid-upload", "multipart mid-upload", "waiting for the answer"];

    private readonly TempFolder _folder = new();
    private readonly byte[] _image = File.ReadAllBytes(TestData.FirstValidationFilm("NORMAL"));

    [Fact]
    public async Task Requests_cancelled_mid_upload_or_while_waiting_leave_the_server_answering_idle_and_flat()
    {
        // Rate limit off: hundreds of requests from one address would otherwise be refused before their body is read.
        await using var server = await ServeProcess.StartAsync(_folder.Root, ServeProcess.DefaultModel, "--Cxr:RateLimit:PermitsPerMinute=0");
        using var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(60) };
        var (form, formType) = await MultipartAsync(_image);
        var outcomes = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);

        // The server's memory (Kestrel's and the GC's pools) grows over the first ~2,000 cancellations and then saws up
        // and down by up to ~40 MB between collections (seen over 8,000): the baseline is the highest level of the last
        // warm-up rounds, and the last measured rounds must stay, on average, near it. Leaking even 16 kB per cancelled
        // request would add about 37 MB over the 2,400 measured ones.
        var resident = new List<double>();
        for (var round = 0; round < WarmUpRounds + MeasuredRounds; round++)
        {
            await CancelManyAsync(client, form, formType, seed: Seed + round, round < WarmUpRounds ? new ConcurrentDictionary<string, int>(StringComparer.Ordinal) : outcomes);
            await ServerLoad.WaitForIdleAsync(client, TimeSpan.FromSeconds(10));
            resident.Add(server.ResidentMegabytes());
        }

        var idleAfter = await ServerLoad.WaitForIdleAsync(client, TimeSpan.FromSeconds(10));
        var before = resident.Take(WarmUpRounds).TakeLast(3).Max();
        var after = resident.TakeLast(3).Average();
        using var prediction = await client.PostAsync("/api/v1/predictions?heatmap=true", Body(_image, "image/jpeg"));
        var failures = server.OutputLines.Where(l => l.Contains(" fail: ", StringComparison.Ordinal) || l.Contains(" crit: ", StringComparison.Ordinal)).ToList();
        var logged = server.OutputLines.Select(l => StatusInLog().Match(l)).Where(m => m.Success).GroupBy(m => m.Groups[1].Value)
            .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (Status: g.Key, Count: g.Count())).ToList();

        output.WriteLine($"{MeasuredRounds * Workers * PerWorkerAndRound} cancellations ({Workers} concurrent clients) after {WarmUpRounds * Workers * PerWorkerAndRound} warm-up ones:");
        foreach (var (outcome, count) in outcomes.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {outcome}: {count}");
        }

        output.WriteLine($"server log: POST /api/v1/predictions logged {string.Join(", ", logged.Select(l => $"{l.Count} × {l.Status}"))} (499: client gone); {failures.Count} fail/crit entries");
        output.WriteLine($"server RSS after each round of {Workers * PerWorkerAndRound}: {string.Join(", ", resident.Select(r => r.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)))} MB; highest of the last 3 warm-up rounds {before:F1} MB, mean of the last 3 rounds {after:F1} MB ({after - before:+0.0;-0.0} MB)");
        output.WriteLine($"health at the end: {idleAfter}");
        failures.Take(5).ToList().ForEach(f => output.WriteLine("LOG " + f));

        Assert.Equal(200, (int)prediction.StatusCode);
        Assert.Matches("; 0 running, 0 queued$", idleAfter);
        Assert.Empty(failures);
        Assert.True(outcomes.Where(o => o.Key.StartsWith("cancelled", StringComparison.Ordinal)).Sum(o => o.Value) >= MeasuredRounds * Workers * PerWorkerAndRound * 3 / 4,
            "most requests must really have been cancelled");
        Assert.DoesNotContain(outcomes.Keys, k => k.Contains(" 5", StringComparison.Ordinal));
        Assert.DoesNotContain(logged, l => l.Status.StartsWith('5'));
        // RSS of a .NET + ONNX Runtime process moves by ±50 MB between rounds without any leak (11 runs on the project's
        // machine, the commit before cancellation reached decoding included: −50.5 to +64.2 MB), so a tighter bound
        // flakes. 96 MB still catches any leak of an image-sized buffer: the smallest one on this path (the 50 KB
        // resized film) leaked per cancellation would add 120 MB over the 2,400.
        Assert.InRange(after - before, double.MinValue, 96);
    }

    public void Dispose() => _folder.Dispose();

    private static ByteArrayContent Body(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    private static async Task<(byte[] Body, string ContentType)> MultipartAsync(byte[] image)
    {
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(image);
        part.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(part, "image", "xray.jpeg");
        return (await form.ReadAsByteArrayAsync(), form.Headers.ContentType!.ToString());
    }

    /// <summary><see cref="Workers"/> clients at once, each cancelling <see cref="PerWorkerAndRound"/> requests one after
    /// the other; every kind in turn, cut after a random number of bytes (mid-upload) or a random 0–30 ms (waiting).</summary>
    private async Task CancelManyAsync(HttpClient client, byte[] form, string formType, int seed, ConcurrentDictionary<string, int> outcomes)
    {
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            var random = new Random(seed * 100 + worker);
            for (var i = 0; i < PerWorkerAndRound; i++)
            {
                var kind = Kinds[(worker + i) % Kinds.Length];
                var outcome = await CancelOneAsync(client, kind, form, formType, random);
                outcomes.AddOrUpdate($"{outcome} ({kind})", 1, (_, n) => n + 1);
            }
        })));
    }

    private async Task<string> CancelOneAsync(HttpClient client, string kind, byte[] form, string formType, Random random)
    {
        using var cancel = new CancellationTokenSource();
        HttpContent content;
        SplitUploadContent? split = null;
        var path = "/api/v1/predictions";
        switch (kind)
        {
            case "waiting for the answer":
                content = Body(_image, "image/jpeg");
                path += "?heatmap=true";
                break;
            case "multipart mid-upload":
                content = split = new SplitUploadContent(form, random.Next(1, form.Length), formType);
                break;
            default:
                content = split = new SplitUploadContent(_image, random.Next(1, _image.Length), "image/jpeg", declareLength: kind.StartsWith("raw", StringComparison.Ordinal));
                break;
        }

        using (content)
        {
            var send = client.PostAsync(path, content, cancel.Token);
            if (split is not null)
            {
                await Task.WhenAny(split.FirstPartSent, send).WaitAsync(TimeSpan.FromSeconds(30));
                await Task.Delay(random.Next(0, 5));
            }
            else
            {
                await Task.Delay(random.Next(0, 30));
            }

            await cancel.CancelAsync();
            try
            {
                using var response = await send;
                return $"answered {(int)response.StatusCode}";
            }
            catch (OperationCanceledException)
            {
                return "cancelled";
            }
        }
    }

    [GeneratedRegex("POST /api/v1/predictions (\\d{3}) ")]
    private static partial Regex StatusInLog();
}
