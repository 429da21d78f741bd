using Cxr.Benchmarks.Columns;
using BenchmarkDotNet.Configs;

namespace Cxr.Benchmarks.Imaging;

/// <summary>Default BenchmarkDotNet config plus an images/s column.</summary>
public sealed class ImagePipelineBenchmarkConfig : ManualConfig
{
    public ImagePipelineBenchmarkConfig()
    {
        AddColumn(new ImagesPerSecondColumn());
    }
}
