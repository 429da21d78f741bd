using BenchmarkDotNet.Configs;
using Cxr.Benchmarks.Columns;

namespace Cxr.Benchmarks.Imaging;

/// <summary>Default BenchmarkDotNet config plus an images/s column.</summary>
public sealed class ImagePipelineBenchmarkConfig : ManualConfig
{
    public ImagePipelineBenchmarkConfig()
    {
        AddColumn(new ImagesPerSecondColumn());
    }
}
