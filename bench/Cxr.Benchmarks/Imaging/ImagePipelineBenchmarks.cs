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
    private readonly float[] _tensor150 = new float[150 * 150];
    private readonly float[] _tensor224 = new float[224 * 224];

    [GlobalSetup]
    public void Setup()
    {
        _jpeg224 = File.ReadAllBytes(BenchmarkData.First224Jpeg());
        _to150 = new ImagePipeline(new PreprocessSpec(150));
        _to224 = new ImagePipeline(new PreprocessSpec(224));
        _gray224 = _to150.DecodeGray(_jpeg224);
        _jpeg2000 = Upscale(_jpeg224, 2000, quality: 90);
    }

    /// <summary>The hot path as serving batches it: real 224 × 224 JPEG → 150 × 150 preview → tensor written into a
    /// reused input buffer with <see cref="ImagePipeline.ToTensor"/>.</summary>
    [Benchmark(Baseline = true)]
    public float Jpeg224_to_150_stretch()
    {
        ImagePipeline.ToTensor(_to150.Process(_jpeg224).Resized, _tensor150);
        return _tensor150[0];
    }

    /// <summary>Same, but through <see cref="PreprocessedImage.Tensor"/>: a fresh 90 KB float[] per image (large
    /// object heap).</summary>
    [Benchmark]
    public float[] Jpeg224_to_150_tensor_property() => _to150.Process(_jpeg224).Tensor;

    /// <summary>The training-cache path: 8-bit preview only, no tensor.</summary>
    [Benchmark]
    public GrayImage Jpeg224_to_150_preview_only() => _to150.Process(_jpeg224).Resized;

    /// <summary>A large upload: 2000 × 2000 JPEG (quality 90) → 224 × 224 preview → tensor into a reused buffer.</summary>
    [Benchmark]
    public float Jpeg2000_to_224_stretch()
    {
        ImagePipeline.ToTensor(_to224.Process(_jpeg2000).Resized, _tensor224);
        return _tensor224[0];
    }

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
