using BenchmarkDotNet.Attributes;

namespace Cxr.Benchmarks.Training;

/// <summary>
/// Training images/s at 2 threads, batch 32, per architecture: <see cref="FullStep"/> is what the trainer does per step,
/// <see cref="RawForwardBackward"/> is libtorch alone on a pre-built batch (<see cref="TrainingStepFixture"/>). Their
/// ratio is the data pipeline's overhead. Times are per image (OperationsPerInvoke).
/// </summary>
[MemoryDiagnoser(false)]
public class TrainingThroughputBenchmarks
{
    private TrainingStepFixture fixture = null!;

    [Params("cxrnet", "seed-cnn")]
    public string Architecture { get; set; } = "cxrnet";

    [GlobalSetup]
    public void Setup() => fixture = new TrainingStepFixture(Architecture);

    [Benchmark(OperationsPerInvoke = TrainingStepFixture.Batch)]
    public float FullStep() => fixture.FullStep();

    [Benchmark(Baseline = true, OperationsPerInvoke = TrainingStepFixture.Batch)]
    public float RawForwardBackward() => fixture.RawForwardBackward();

    [GlobalCleanup]
    public void Cleanup() => fixture.Dispose();
}
