namespace Cxr.Benchmarks.Inference;

/// <summary><see cref="InferenceBenchmarkConfig"/>'s short in-process job and columns with 15 measured iterations and
/// without GFLOP/s (the two models compared need not have the same cost per image): min, median (p50), p95 and
/// images/s, each group's ratio against its baseline model.</summary>
public sealed class ModelComparisonBenchmarkConfig : InferenceBenchmarkConfig
{
    public ModelComparisonBenchmarkConfig()
        : base(iterations: 15, withGflops: false)
    {
    }
}
