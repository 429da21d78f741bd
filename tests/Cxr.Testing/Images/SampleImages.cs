using System.Collections.Concurrent;
using Cxr.Core.Imaging;
using Cxr.Testing;

namespace Cxr.Testing.Images;

/// <summary>The first 32 NORMAL and first 32 PNEUMONIA training images (ordinal file order), grayscale in [0, 1].</summary>
public static class SampleImages
{
    public const int PerClass = 32;
    public const int Count = 2 * PerClass;

    private static readonly ConcurrentDictionary<int, Lazy<float[]>> Cache = new();

    /// <summary>The images as one row-major batch <c>[64, 1, size, size]</c>.</summary>
    public static float[] Load(int size) => Cache.GetOrAdd(size, s => new Lazy<float[]>(() => Decode(s))).Value;

    /// <summary>Image <paramref name="index"/> of <see cref="Load"/> as its own batch <c>[1, 1, size, size]</c>.</summary>
    public static float[] One(int size, int index) => Load(size).AsSpan(index * size * size, size * size).ToArray();

    // Through the project's one image pipeline, so the export is checked on the exact serving input.
    private static float[] Decode(int size)
    {
        var files = new[] { "NORMAL", "PNEUMONIA" }
            .SelectMany(label => Directory.GetFiles(Path.Combine(TestData.DataRoot, "train", label), "*.jpeg")
                .Order(StringComparer.Ordinal)
                .Take(PerClass))
            .ToList();
        Assert.Equal(Count, files.Count);

        var pipeline = new ImagePipeline(new PreprocessSpec(size));
        var pixels = new float[Count * size * size];
        for (var i = 0; i < files.Count; i++)
        {
            pipeline.ProcessFile(files[i]).Tensor.CopyTo(pixels.AsSpan(i * size * size, size * size));
        }

        return pixels;
    }
}
