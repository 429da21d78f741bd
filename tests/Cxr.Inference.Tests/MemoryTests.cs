using System.Diagnostics;
using Cxr.Testing.Models;
using Cxr.Testing.Onnx;
using Xunit.Abstractions;

namespace Cxr.Inference.Tests;

/// <summary>Serving must not leak: native (ONNX Runtime, SkiaSharp) and managed memory stay flat over many calls. Runs
/// alone (no other test allocating in the same process meanwhile).</summary>
[Collection(MemoryTests.Alone)]
public sealed class MemoryTests(ITestOutputHelper output)
{
    public const string Alone = "memory measurement";

    [Fact]
    public void Resident_memory_stays_flat_over_10000_predictions()
    {
        using var predictor = ChestXrayPredictor.Load(SyntheticOnnxModel.Create(64), "memory.onnx", new PredictorOptions(IntraOpThreads: 1));
        var images = Enumerable.Range(0, 8).Select(i => TestImages.Noise(128, i)).ToList();
        const int Total = 10_000;
        const int Every = 2_000;
        var samples = new List<(int Calls, long Resident, long Managed)>();
        var clock = Stopwatch.StartNew();
        for (var i = 1; i <= Total; i++)
        {
            var prediction = predictor.Predict(images[i % images.Count]);
            Assert.NotNull(prediction.Heatmap);
            if (i % Every == 0)
            {
                var (resident, managed) = Measure();
                samples.Add((i, resident, managed));
            }
        }

        output.WriteLine($"{Total} predictions in {clock.Elapsed.TotalSeconds:F1} s");
        foreach (var (calls, resident, managed) in samples)
        {
            output.WriteLine($"after {calls,6}: resident {resident / 1048576.0:F1} MB, managed {managed / 1048576.0:F2} MB");
        }

        var residentGrowth = (samples[^1].Resident - samples[0].Resident) / 1048576.0;
        var managedGrowth = (samples[^1].Managed - samples[0].Managed) / 1048576.0;
        // Leaking one heatmap (16 KB) or one input tensor per call would add more than 120 MB over these 8,000 calls.
        Assert.InRange(residentGrowth, double.MinValue, 16);
        Assert.InRange(managedGrowth, double.MinValue, 4);
    }

    private static (long Resident, long Managed) Measure()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return (process.WorkingSet64, GC.GetTotalMemory(forceFullCollection: true));
    }
}
