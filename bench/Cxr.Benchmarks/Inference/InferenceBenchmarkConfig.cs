using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Cxr.Benchmarks.Columns;

namespace Cxr.Benchmarks.Inference;

/// <summary>A short in-process job (the machine is shared: 3 warm-ups, 10 measured iterations), grouped by category so
/// each group's ratio is against its TorchSharp baseline; min, median (p50) and p95 shown (on a shared machine the
/// minimum is the least disturbed estimate); images/s and GFLOP/s added.</summary>
public class InferenceBenchmarkConfig : ManualConfig
{
    public InferenceBenchmarkConfig()
        : this(iterations: 10, withGflops: true)
    {
    }

    /// <summary>The job with <paramref name="iterations"/> measured iterations; GFLOP/s only when every row runs the
    /// default architecture (<paramref name="withGflops"/>).</summary>
    protected InferenceBenchmarkConfig(int iterations, bool withGflops)
    {
        AddJob(Job.ShortRun.WithWarmupCount(3).WithIterationCount(iterations).WithLaunchCount(1).WithToolchain(InProcessEmitToolchain.Instance));
        AddColumn(StatisticColumn.Min, StatisticColumn.Median, StatisticColumn.P95, new ImagesPerSecondColumn());
        if (withGflops)
        {
            AddColumn(new GflopsColumn());
        }

        AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory);
        WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared));
    }
}
