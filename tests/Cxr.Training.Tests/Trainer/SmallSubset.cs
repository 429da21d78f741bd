using Cxr.Core.Data;
using Cxr.Core.Imaging;
using Cxr.Testing;
using Cxr.Training.Data;

namespace Cxr.Training.Tests.Trainer;

/// <summary>A few real shared images per class, decoded at a small size, for CI-sized training tests.</summary>
internal static class SmallSubset
{
    public static IReadOnlyList<ImageRecord> Records(int perClass, int skip = 0)
    {
        var records = new List<ImageRecord>();
        foreach (var (folder, label) in new[] { ("NORMAL", CxrLabel.Normal), ("PNEUMONIA", CxrLabel.Pneumonia) })
        {
            var files = Directory.GetFiles(Path.Combine(TestData.DataRoot, "train", folder), "*.jpeg")
                .Order(StringComparer.Ordinal)
                .Skip(skip)
                .Take(perClass);
            records.AddRange(files.Select(f => new ImageRecord(f, label, label == CxrLabel.Normal ? "normal" : "unknown", Path.GetFileNameWithoutExtension(f), "", "train")));
        }

        return records;
    }

    public static ImageCache Cache(int perClass, int size, int skip = 0) =>
        ImageCache.Build(Records(perClass, skip), new PreprocessSpec(size));
}
