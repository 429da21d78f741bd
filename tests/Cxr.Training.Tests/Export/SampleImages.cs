using System.Collections.Concurrent;
using Cxr.Tests;
using SkiaSharp;

namespace Cxr.Training.Tests.Export;

/// <summary>The first 32 NORMAL and first 32 PNEUMONIA training images (ordinal file order), grayscale in [0, 1].</summary>
internal static class SampleImages
{
    public const int PerClass = 32;
    public const int Count = 2 * PerClass;

    private static readonly ConcurrentDictionary<int, Lazy<float[]>> Cache = new();

    /// <summary>The images as one row-major batch <c>[64, 1, size, size]</c>.</summary>
    public static float[] Load(int size) => Cache.GetOrAdd(size, s => new Lazy<float[]>(() => Decode(s))).Value;

    /// <summary>Image <paramref name="index"/> of <see cref="Load"/> as its own batch <c>[1, 1, size, size]</c>.</summary>
    public static float[] One(int size, int index) => Load(size).AsSpan(index * size * size, size * size).ToArray();

    // TODO(lead): use ImagePipeline (Cxr.Core.Imaging) once feat/imaging is merged, so the export is checked on the
    // exact serving input; until then a plain SkiaSharp decode → bilinear resize → gray / 255.
    private static float[] Decode(int size)
    {
        var files = new[] { "NORMAL", "PNEUMONIA" }
            .SelectMany(label => Directory.GetFiles(Path.Combine(TestData.DataRoot, "train", label), "*.jpeg")
                .Order(StringComparer.Ordinal)
                .Take(PerClass))
            .ToList();
        Assert.Equal(Count, files.Count);

        var pixels = new float[Count * size * size];
        var target = new SKImageInfo(size, size, SKColorType.Gray8, SKAlphaType.Opaque);
        for (var i = 0; i < files.Count; i++)
        {
            using var decoded = SKBitmap.Decode(files[i]) ?? throw new InvalidDataException($"Cannot decode {files[i]}.");
            using var gray = new SKBitmap(target);
            Assert.True(decoded.ScalePixels(gray, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None)), $"Cannot resize {files[i]}.");
            var bytes = gray.GetPixelSpan();
            for (var y = 0; y < size; y++)
            {
                for (var x = 0; x < size; x++)
                {
                    pixels[(i * size * size) + (y * size) + x] = bytes[(y * gray.RowBytes) + x] / 255f;
                }
            }
        }

        return pixels;
    }
}
