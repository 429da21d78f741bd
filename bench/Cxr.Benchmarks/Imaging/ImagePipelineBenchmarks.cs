using BenchmarkDotNet.Attributes;
using Cxr.Core.Imaging;
using SkiaSharp;

namespace Cxr.Benchmarks.Imaging;

/// <summary>
/// Decode + preprocess throughput of <see cref="ImagePipeline"/> on one thread (= per core). Each invocation processes
/// one image; the Images/s column is 1 s / Mean.
/// Run: <c>dotnet run -c Release --project bench/Cxr.Benchmarks -- --filter '*ImagePipeline*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ImagePipelineBenchmarkConfig))]
public class ImagePipelineBenchmarks
{
    private byte[] _jpeg224 = [];
    private byte[] _jpeg2000 = [];
    private GrayImage _gray224 = null!;
    private ImagePipeline _to150 = null!;
    private ImagePipeline _to224 = null!;

    [GlobalSetup]
    public void Setup()
    {
        _jpeg224 = File.ReadAllBytes(BenchmarkData.First224Jpeg());
        _to150 = new ImagePipeline(new PreprocessSpec(150));
        _to224 = new ImagePipeline(new PreprocessSpec(224));
        _gray224 = _to150.DecodeGray(_jpeg224);
        _jpeg2000 = Upscale(_jpeg224, 2000, quality: 90);
    }

    /// <summary>The serving hot path: real 224 × 224 JPEG → 150 × 150 preview + float tensor.</summary>
    [Benchmark(Baseline = true)]
    public float[] Jpeg224_to_150_stretch() => _to150.Process(_jpeg224).Tensor;

    /// <summary>The training-cache path: same, 8-bit preview only (the tensor is never built).</summary>
    [Benchmark]
    public GrayImage Jpeg224_to_150_preview_only() => _to150.Process(_jpeg224).Resized;

    /// <summary>A large upload: 2000 × 2000 JPEG (quality 90) → 224 × 224 preview + tensor.</summary>
    [Benchmark]
    public float[] Jpeg2000_to_224_stretch() => _to224.Process(_jpeg2000).Tensor;

    /// <summary>Breakdown: decode + luminance only (no resize, no tensor).</summary>
    [Benchmark]
    public GrayImage Decode224_only() => _to150.DecodeGray(_jpeg224);

    /// <summary>Breakdown: resize 224 → 150 only.</summary>
    [Benchmark]
    public GrayImage Resize224_to_150_only() => _to150.Resize(_gray224);

    private static byte[] Upscale(byte[] jpeg, int size, int quality)
    {
        using var source = SKBitmap.Decode(jpeg);
        using var large = source.Resize(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Premul), new SKSamplingOptions(SKCubicResampler.Mitchell))
            ?? throw new InvalidOperationException("SkiaSharp could not upscale the benchmark image.");
        using var data = large.Encode(SKEncodedImageFormat.Jpeg, quality);
        return data.ToArray();
    }
}
