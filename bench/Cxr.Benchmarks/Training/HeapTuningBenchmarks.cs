using BenchmarkDotNet.Attributes;
using Cxr.Training.Native;

namespace Cxr.Benchmarks.Training;

/// <summary>
/// One full training step per architecture with glibc's default allocator settings (the baseline job) and with
/// <see cref="GlibcHeap.KeepFreedMemoryForReuse"/>, which the trainer applies. Each job is its own process, because the
/// tuning cannot be undone inside one. Times are per image.
/// </summary>
[Config(typeof(HeapTuningBenchmarkConfig))]
public class HeapTuningBenchmarks
{
    private TrainingStepFixture fixture = null!;

    [Params("cxrnet", "seed-cnn")]
    public string Architecture { get; set; } = "cxrnet";

    [GlobalSetup]
    public void Setup()
    {
        if (Environment.GetEnvironmentVariable(HeapTuningBenchmarkConfig.Variable) == HeapTuningBenchmarkConfig.Tuned
            && !GlibcHeap.KeepFreedMemoryForReuse())
        {
            throw new InvalidOperationException("glibc refused the heap tuning");
        }
        fixture = new TrainingStepFixture(Architecture);
    }

    [Benchmark(OperationsPerInvoke = TrainingStepFixture.Batch)]
    public float FullStep() => fixture.FullStep();

    [GlobalCleanup]
    public void Cleanup() => fixture.Dispose();
}
