using Cxr.Core.Data;
using Cxr.Core.Imaging;
using Cxr.Testing;
using Cxr.Training.Data;
using Cxr.Training.Models;
using Cxr.Training.Trainer;

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

    /// <summary>The tiny trainer tests' split: 48 films a class to train on, the next 12 a class to validate on, at
    /// 64 px, decoded once per test run.</summary>
    public static Lazy<(ImageCache Train, ImageCache Validation)> TinySplit { get; } = new(() => (Cache(48, 64), Cache(12, 64, skip: 48)));

    /// <summary>A cxrnet small enough to train in seconds on one thread at 64 px, dropout off, no early stopping:
    /// 2 epochs × 6 steps × batch 16.</summary>
    public static TrainingOptions TinyOptions => new()
    {
        InputSize = 64,
        Net = new CxrNetOptions(StemWidth: 8, Widths: [16, 32, 32], HeadDropout: 0),
        Epochs = 2,
        StepsPerEpoch = 6,
        BatchSize = 16,
        LearningRate = 3e-3,
        Threads = 1,
        Seed = 11,
        EarlyStoppingPatience = 0,
    };

    public static ImageCache Cache(int perClass, int size, int skip = 0) =>
        ImageCache.Build(Records(perClass, skip), new PreprocessSpec(size));
}
