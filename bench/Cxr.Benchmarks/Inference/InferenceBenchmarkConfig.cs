using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Cxr.Benchmarks.Columns;

namespace Cxr.Benchmarks.Inference;

/// <summary>A short in-process job (the machine is shared: 3 warm-ups, 10 measured iterations), grouped by category so
/// each group's ratio is against its TorchSharp baseline; min, median (p50) and p95 shown (on a shared machine the
/// minimum is the least disturbed estimate); images/s and GFLOP/s added.</summary>
public sealed class InferenceBenchmarkConfig : ManualConfig
{
    public InferenceBenchmarkConfig()
    {
        AddJob(Job.ShortRun.WithWarmupCount(3).WithIterationCount(10).WithLaunchCount(1).WithToolchain(InProcessEmitToolchain.Instance));
        AddColumn(StatisticColumn.Min, StatisticColumn.Median, StatisticColumn.P95, new ImagesPerSecondColumn(), new GflopsColumn());
        AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory);
        WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared));
    }
}
