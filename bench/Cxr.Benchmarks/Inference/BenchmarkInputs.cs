using Cxr.Core.Contracts;
using Cxr.Core.Imaging;
using Cxr.Training.Export;
using Cxr.Training.Guard;
using Cxr.Training.Models;
using SkiaSharp;
using TorchSharp;

namespace Cxr.Benchmarks.Inference;

/// <summary>The model and images the inference benchmarks share: the default CxrNet (224 px), seeded and exported with
/// <see cref="OnnxExporter"/>, so ONNX Runtime and TorchSharp run the very same weights; and 224 × 224 JPEGs (the
/// shared data set's validation X-rays when <c>CXR_DATA</c> is set, else generated ones of the same size).</summary>
public static class BenchmarkInputs
{
    public static CxrNetOptions Options { get; } = new();

    /// <summary>A seeded default CxrNet in eval mode and its ONNX bytes (with cxr metadata and an input guard, as the
    /// committed model has: the guard's distances are part of every prediction's cost).</summary>
    public static (CxrNet Model, byte[] Onnx) CreateModel()
    {
        torch.manual_seed(1);
        var model = new CxrNet(Options);
        model.eval();
        var card = new ModelCard
        {
            Name = "bench-cxrnet",
            Version = "0.0.0-bench",
            Preprocess = new PreprocessSpec(Options.InputSize),
            Threshold = 0.5,
            ThresholdPolicy = "youden",
            Temperature = 1.0,
        };
        return (model, OnnxExporter.ExportToBytes(model, card, RandomGuard(Options.BlockWidths[^1])));
    }

    /// <summary>A guard over random feature rows: its values do not matter for speed, only its shape
    /// (the standard references × <paramref name="features"/> features).</summary>
    private static FittedInputGuard RandomGuard(int features)
    {
        var random = new Random(1);
        var k = InputGuardSpec.StandardReferenceNames.Count;
        var rows = Enumerable.Range(0, 40 * k).Select(_ => Enumerable.Range(0, features).Select(_ => (float)random.NextDouble()).ToArray()).ToList();
        var groups = Enumerable.Range(0, rows.Count).Select(i => i % k).ToList();
        var references = TiedGaussianReferences.Fit(rows, groups, k);
        return new FittedInputGuard(InputGuardSpec.ForStandardReferences(10), references, new InputGuardReport(rows.Count, 0, 1, 1, 1));
    }

    /// <summary><paramref name="count"/> encoded 224 × 224 JPEGs.</summary>
    public static IReadOnlyList<byte[]> Jpegs(int count)
    {
        var root = Environment.GetEnvironmentVariable("CXR_DATA");
        var files = root is not null && Directory.Exists(Path.Combine(root, "val"))
            ? Directory.GetFiles(Path.Combine(root, "val"), "*.jpeg", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList()
            : [];
        return Enumerable.Range(0, count)
            .Select(i => files.Count > 0 ? File.ReadAllBytes(files[i % files.Count]) : Synthetic(i))
            .ToList();
    }

    private static byte[] Synthetic(int seed)
    {
        var random = new Random(seed);
        using var bitmap = new SKBitmap(224, 224, SKColorType.Rgba8888, SKAlphaType.Opaque);
        for (var y = 0; y < 224; y++)
        {
            for (var x = 0; x < 224; x++)
            {
                var v = (byte)Math.Clamp(60 + (120 * Math.Sin(x / 30.0) * Math.Cos(y / 40.0)) + random.Next(-20, 21), 0, 255);
                bitmap.SetPixel(x, y, new SKColor(v, v, v));
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }
}
