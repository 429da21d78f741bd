using System.Globalization;
using Cxr.LoadTest;

// Usage:
//   predictor <model.onnx> <image> <callers> <intraOpThreads> <seconds>
//   closed    <baseUrl> <image> <concurrency> <seconds> [heatmap]
//   open      <baseUrl> <image> <requestsPerSecond> <seconds> <serverPid>   (status 0 = transport error, counted as unexpected)
// Each prints one "RESULT key=value ..." line that run-load.sh collects.
var inv = CultureInfo.InvariantCulture;
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: predictor|closed|open ... (see Program.cs)");
    return 2;
}

var warmup = TimeSpan.FromSeconds(3);
switch (args[0])
{
    case "predictor":
        {
            var seconds = double.Parse(args[5], inv);
            var (perSecond, recorder) = PredictorLoad.Run(args[1], File.ReadAllBytes(args[2]), int.Parse(args[3], inv), int.Parse(args[4], inv), warmup, TimeSpan.FromSeconds(seconds));
            Console.WriteLine(string.Create(inv, $"RESULT mode=predictor callers={args[3]} intra={args[4]} rps={perSecond:0.0} p50={recorder.Percentile(50):0.00} p99={recorder.Percentile(99):0.00}"));
            return 0;
        }

    case "closed":
        {
            using var load = new HttpLoad(args[1], File.ReadAllBytes(args[2]), heatmap: args.Length > 5 && args[5] == "heatmap");
            var concurrency = int.Parse(args[3], inv);
            var (recorder, elapsed) = await load.RunClosedLoopAsync(concurrency, warmup, TimeSpan.FromSeconds(double.Parse(args[4], inv)));
            var ok = recorder.Statuses.GetValueOrDefault(200);
            Console.WriteLine(string.Create(inv, $"RESULT mode=closed concurrency={concurrency} requests={recorder.Count} rps={ok / elapsed:0.0} p50={recorder.Percentile(50):0.00} p90={recorder.Percentile(90):0.00} p99={recorder.Percentile(99):0.00} max={recorder.Percentile(100):0.00} statuses={recorder.StatusSummary()}"));
            return 0;
        }

    case "open":
        {
            using var load = new HttpLoad(args[1], File.ReadAllBytes(args[2]), heatmap: false);
            var rate = double.Parse(args[3], inv);
            var seconds = double.Parse(args[4], inv);
            var pid = int.Parse(args[5], inv);
            var rss = new List<(int Second, double Mb)>();
            var (recorder, skipped) = await load.RunOpenLoopAsync(rate, TimeSpan.FromSeconds(seconds), maxInFlight: 1024, second => rss.Add((second, ProcessMemory.ResidentMegabytes(pid))));
            rss.Add(((int)seconds, ProcessMemory.ResidentMegabytes(pid)));
            var first = rss.Where(r => r.Second <= 10).Average(r => r.Mb);
            var last = rss.Where(r => r.Second > seconds - 10).Average(r => r.Mb);
            var unexpected = recorder.Statuses.Where(s => s.Key is not (200 or 429 or 503)).Sum(s => s.Value);
            Console.WriteLine(string.Create(inv, $"RESULT mode=open rate={rate:0.0} seconds={seconds} requests={recorder.Count} ok_rps={recorder.Statuses.GetValueOrDefault(200) / seconds:0.0} p50={recorder.Percentile(50):0.00} p99={recorder.Percentile(99):0.00} statuses={recorder.StatusSummary()} unexpected={unexpected} client_skipped={skipped} rss_first10_mb={first:0.0} rss_last10_mb={last:0.0} rss_change_pct={(last - first) / first * 100:0.0}"));
            Console.WriteLine("RSS " + string.Join(" ", rss.Select(r => string.Create(inv, $"{r.Second}:{r.Mb:0}"))));
            return unexpected == 0 ? 0 : 1;
        }

    default:
        Console.Error.WriteLine($"unknown mode {args[0]}");
        return 2;
}
