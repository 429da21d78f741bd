using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Cxr.Benchmarks.Columns;

namespace Cxr.Benchmarks.Inference;

/// <summary><see cref="InferenceBenchmarkConfig"/>'s short in-process job and columns, less GFLOP/s (the two models
/// compared need not have the same cost per image): min, median (p50), p95 and images/s, each group's ratio against its
/// baseline model.</summary>
public sealed class ModelComparisonBenchmarkConfig : ManualConfig
{
    public ModelComparisonBenchmarkConfig()
    {
        AddJob(Job.ShortRun.WithWarmupCount(3).WithIterationCount(15).WithLaunchCount(1).WithToolchain(InProcessEmitToolchain.Instance));
        AddColumn(StatisticColumn.Min, StatisticColumn.Median, StatisticColumn.P95, new ImagesPerSecondColumn());
        AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory);
        WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared));
    }
}
