using BenchmarkDotNet.Attributes;
using Cxr.Inference;

namespace Cxr.Benchmarks.Inference;

/// <summary>
/// Single-image serving speed of two real model files in the same run, as issue #12 asks of a new default: the
/// <em>baseline</em> (<c>CXR_BASELINE_MODEL</c>, else the committed <c>models/cxr-default.onnx</c>) against the
/// <em>candidate</em> (<c>CXR_CANDIDATE_MODEL</c>, required). Each row is one
/// <see cref="ChestXrayPredictor.Predict(ReadOnlySpan{byte}, PredictionRequest?)"/> of a 224 × 224 JPEG from
/// <c>val/</c>, decode, preprocessing (the model's own spec), inference, input guard and heatmap included, at 2
/// threads; the "with overlay" rows add the overlay PNG that <c>cxr serve</c> returns.
/// </summary>
[Config(typeof(ModelComparisonBenchmarkConfig))]
[MemoryDiagnoser(false)]
public class DefaultModelBenchmarks
{
    private const int Threads = 2;
    private ChestXrayPredictor baseline = null!;
    private ChestXrayPredictor candidate = null!;
    private byte[] jpeg = null!;

    /// <summary>The baseline model file: <c>CXR_BASELINE_MODEL</c>, else the committed default.</summary>
    public static string BaselinePath => Environment.GetEnvironmentVariable("CXR_BASELINE_MODEL") ?? CommittedModelFile.Path;

    /// <summary>The candidate model file, <c>CXR_CANDIDATE_MODEL</c>.</summary>
    /// <exception cref="InvalidOperationException">The variable is not set.</exception>
    public static string CandidatePath => Environment.GetEnvironmentVariable("CXR_CANDIDATE_MODEL")
        ?? throw new InvalidOperationException("Set CXR_CANDIDATE_MODEL to the model file to compare with the baseline (CXR_BASELINE_MODEL, default models/cxr-default.onnx).");

    [GlobalSetup]
    public void Setup()
    {
        baseline = ChestXrayPredictor.Load(BaselinePath, new PredictorOptions(IntraOpThreads: Threads));
        candidate = ChestXrayPredictor.Load(CandidatePath, new PredictorOptions(IntraOpThreads: Threads));
        jpeg = BenchmarkInputs.Jpegs(1)[0];
        Console.WriteLine($"// baseline {BaselinePath} ({baseline.Model.Name} {baseline.Model.Version}); candidate {CandidatePath} ({candidate.Model.Name} {candidate.Model.Version}); JPEG of {jpeg.Length:N0} bytes");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        baseline.Dispose();
        candidate.Dispose();
    }

    [Benchmark(Baseline = true, Description = "baseline: predict JPEG (decode+infer+guard+heatmap)")]
    [BenchmarkCategory("predict")]
    public double BaselinePredict() => baseline.Predict(jpeg).Probability;

    [Benchmark(Description = "candidate: predict JPEG (decode+infer+guard+heatmap)")]
    [BenchmarkCategory("predict")]
    public double CandidatePredict() => candidate.Predict(jpeg).Probability;

    [Benchmark(Baseline = true, Description = "baseline: predict JPEG + overlay PNG")]
    [BenchmarkCategory("predict + overlay")]
    public int BaselineOverlay() => HeatmapRenderer.RenderOverlayPng(baseline.Predict(jpeg)).Length;

    [Benchmark(Description = "candidate: predict JPEG + overlay PNG")]
    [BenchmarkCategory("predict + overlay")]
    public int CandidateOverlay() => HeatmapRenderer.RenderOverlayPng(candidate.Predict(jpeg)).Length;
}
