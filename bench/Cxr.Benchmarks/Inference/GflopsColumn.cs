using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Cxr.Benchmarks.Inference;

/// <summary>Achieved model GFLOP/s: the CxrNet forward pass's FLOPs per image (<see cref="ModelFlops"/>) divided by the
/// mean time per image. For end-to-end rows the time includes decoding and the heatmap, so the figure is lower.</summary>
public sealed class GflopsColumn : IColumn
{
    public static long FlopsPerImage { get; } = ModelFlops.PerImage(BenchmarkInputs.Options);

    public string Id => nameof(GflopsColumn);

    public string ColumnName => "GFLOP/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 1;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => $"Model FLOPs per image ({FlopsPerImage / 1e9:0.###} GFLOP) / mean time per image";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return mean is > 0 ? (FlopsPerImage / mean.Value).ToString("N2", CultureInfo.InvariantCulture) : "NA";
    }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}
