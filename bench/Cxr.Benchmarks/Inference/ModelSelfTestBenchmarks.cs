using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Cxr.Core.Contracts;
using Cxr.Inference;
using Microsoft.ML.OnnxRuntime;

namespace Cxr.Benchmarks.Inference;

/// <summary>
/// What the load-time self-test costs for the committed model (<c>models/cxr-default.onnx</c>, or <c>CXR_MODEL</c>) with
/// the predictor's default 2 threads: <see cref="CreateSession"/> (baseline) is ONNX Runtime's session alone;
/// <see cref="LoadPredictor"/> is <see cref="ChestXrayPredictor.Load(byte[], string, PredictorOptions?)"/> without warm-up
/// (session + metadata checks + self-test), so the difference of the two is the self-test's cost at load;
/// <see cref="WeightsHash"/> and <see cref="ProbeRun"/> are its two parts on a warm session.
/// </summary>
[Config(typeof(Config))]
public class ModelSelfTestBenchmarks
{
    private byte[] model = null!;
    private InferenceSession session = null!;
    private float[] probe = null!;
    private string[] outputs = null!;

    [GlobalSetup]
    public void Setup()
    {
        var path = CommittedModelFile.Path;
        model = File.ReadAllBytes(path);
        // The session copies its options at creation, so they are released here, not with the session.
        using var options = CommittedModelFile.SessionOptions();
        session = new InferenceSession(model, options);
        probe = ProbeImages.Tensor(224);
        outputs = [OnnxModelContract.LogitOutput, OnnxModelContract.FeaturesOutput, OnnxModelContract.GuardDistancesOutput];
        ProbeRun();
    }

    [GlobalCleanup]
    public void Cleanup() => session.Dispose();

    [Benchmark(Baseline = true, Description = "ONNX Runtime session creation")]
    public void CreateSession()
    {
        using var options = CommittedModelFile.SessionOptions();
        using var created = new InferenceSession(model, options);
    }

    [Benchmark(Description = "ChestXrayPredictor.Load (session + checks + self-test)")]
    public double LoadPredictor()
    {
        using var predictor = ChestXrayPredictor.Load(model, "model.onnx", new PredictorOptions(IntraOpThreads: 2, WarmUp: false));
        return predictor.Model.SelfTest!.ElapsedMs;
    }

    [Benchmark(Description = "self-test part 1: weights SHA-256")]
    public string WeightsHash() => OnnxWeightsHash.Compute(model);

    [Benchmark(Description = "self-test part 2: 4 probe images through the warm session")]
    public int ProbeRun()
    {
        using var input = OrtValue.CreateTensorValueFromMemory(probe, [ProbeImages.Count, 1, 224, 224]);
        using var runOptions = new RunOptions();
        using var result = session.Run(runOptions, [OnnxModelContract.ImageInput], [input], outputs);
        return result.Count;
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.ShortRun.WithWarmupCount(3).WithIterationCount(15).WithLaunchCount(1).WithToolchain(InProcessEmitToolchain.Instance));
            AddColumn(BenchmarkDotNet.Columns.StatisticColumn.Min, BenchmarkDotNet.Columns.StatisticColumn.Median, BenchmarkDotNet.Columns.StatisticColumn.P95);
        }
    }
}
