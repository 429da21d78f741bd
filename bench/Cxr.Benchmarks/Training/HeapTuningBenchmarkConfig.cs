using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace Cxr.Benchmarks.Training;

/// <summary>Two out-of-process jobs that differ only in <see cref="Variable"/>: <c>glibc-default</c> (the baseline) and
/// <c>tuned</c>; 2 warm-ups, 8 measured iterations of 4 steps each.</summary>
public sealed class HeapTuningBenchmarkConfig : ManualConfig
{
    public const string Variable = "CXR_BENCH_GLIBC_HEAP";
    public const string Tuned = "tuned";

    public HeapTuningBenchmarkConfig()
    {
        var job = Job.ShortRun.WithWarmupCount(2).WithIterationCount(8).WithLaunchCount(1).WithUnrollFactor(1).WithInvocationCount(4);
        AddJob(job.WithEnvironmentVariable(Variable, "glibc-default").WithId("glibc-default").AsBaseline());
        AddJob(job.WithEnvironmentVariable(Variable, Tuned).WithId(Tuned));
        AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByParams);
    }
}
