using System.Diagnostics;
using System.Globalization;
using Cxr.Inference;

namespace Cxr.Benchmarks.Inference;

/// <summary>
/// Console mode <c>inference-memory [N] [--model FILE]</c>: N predictions (default 10,000) of a 224 × 224 JPEG with
/// heatmap and overlay rendering on one predictor, printing resident set size and managed heap every N/10 calls, so a
/// leak (native or managed) shows as a rising column. Without <c>--model</c>, the seeded default CxrNet is used.
/// </summary>
public static class InferenceMemoryProbe
{
    public const string Mode = "inference-memory";

    public static int Run(string[] args)
    {
        var count = 10_000;
        string? modelPath = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--model" && i + 1 < args.Length)
            {
                modelPath = args[++i];
            }
            else
            {
                count = int.Parse(args[i], CultureInfo.InvariantCulture);
            }
        }

        byte[] onnx;
        if (modelPath is null)
        {
            var (model, bytes) = BenchmarkInputs.CreateModel();
            model.Dispose();
            onnx = bytes;
        }
        else
        {
            onnx = File.ReadAllBytes(modelPath);
        }

        using var predictor = ChestXrayPredictor.Load(onnx, modelPath ?? "bench-cxrnet.onnx");
        var images = BenchmarkInputs.Jpegs(16);
        var every = Math.Max(1, count / 10);
        Console.WriteLine($"{count:N0} predictions (224 × 224 JPEG, heatmap, overlay PNG every call), 2 intra-op threads");
        Console.WriteLine("   calls | resident MB | managed MB | ms/prediction (window)");
        var (startResident, startManaged) = Measure();
        Console.WriteLine($"{0,8:N0} | {startResident,11:F1} | {startManaged,10:F2} |");
        var window = Stopwatch.StartNew();
        var first = 0.0;
        var last = 0.0;
        for (var i = 1; i <= count; i++)
        {
            var prediction = predictor.Predict(images[i % images.Count]);
            _ = HeatmapRenderer.RenderOverlayPng(prediction);
            if (i % every == 0)
            {
                var ms = window.Elapsed.TotalMilliseconds / every;
                var (resident, managed) = Measure();
                Console.WriteLine($"{i,8:N0} | {resident,11:F1} | {managed,10:F2} | {ms:F2}");
                if (i == every)
                {
                    first = resident;
                }

                last = resident;
                window.Restart();
            }
        }

        Console.WriteLine($"resident growth from the first checkpoint to the last: {last - first:+0.0;-0.0} MB");
        return 0;
    }

    private static (double ResidentMb, double ManagedMb) Measure()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return (process.WorkingSet64 / 1048576.0, GC.GetTotalMemory(forceFullCollection: true) / 1048576.0);
    }
}
