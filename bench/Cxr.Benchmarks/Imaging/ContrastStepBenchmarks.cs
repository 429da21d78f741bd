using BenchmarkDotNet.Attributes;
using Cxr.Core.Imaging;

namespace Cxr.Benchmarks.Imaging;

/// <summary>
/// Cost of the preprocessing's contrast step (<see cref="ContrastStep"/>) on one 224 × 224 film, one thread: what
/// <c>--contrast histeq</c> or <c>clahe</c> adds to every image served and to every image the training cache decodes.
/// Run: <c>dotnet run -c Release --project bench/Cxr.Benchmarks -- --filter '*ContrastStep*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ImagePipelineBenchmarkConfig))]
public class ContrastStepBenchmarks
{
    private readonly byte[] _output = new byte[224 * 224];
    private GrayImage _film = null!;

    [GlobalSetup]
    public void Setup() =>
        _film = new ImagePipeline(new PreprocessSpec(224)).Process(File.ReadAllBytes(BenchmarkData.First224Jpeg())).Resized;

    /// <summary>Global histogram equalisation.</summary>
    [Benchmark(Baseline = true)]
    public byte HistogramEqualization224()
    {
        ContrastStep.HistogramEqualization.Apply(_film.Pixels, _output, 224, 224);
        return _output[0];
    }

    /// <summary>CLAHE, clip limit 2, 8 × 8 tiles (the <c>--contrast clahe</c> default).</summary>
    [Benchmark]
    public byte Clahe224()
    {
        ContrastStep.Clahe().Apply(_film.Pixels, _output, 224, 224);
        return _output[0];
    }
}
