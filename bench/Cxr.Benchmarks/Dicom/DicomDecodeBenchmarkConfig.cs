using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Order;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Cxr.Benchmarks.Dicom;

/// <summary>An in-process job (2 warm-ups, 12 measured iterations), grouped by category so each row's ratio is against
/// its group's reference decoder; min, median and p95 shown.</summary>
public sealed class DicomDecodeBenchmarkConfig : ManualConfig
{
    public DicomDecodeBenchmarkConfig()
    {
        AddJob(Job.ShortRun.WithWarmupCount(2).WithIterationCount(12).WithLaunchCount(1).WithToolchain(InProcessEmitToolchain.Instance));
        AddColumn(StatisticColumn.Min, StatisticColumn.Median, StatisticColumn.P95);
        AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory);
        WithOrderer(new DefaultOrderer(SummaryOrderPolicy.Declared));
    }
}
