using Cxr.Testing;

namespace Cxr.Core.Tests.Imaging;

/// <summary>The shared chest X-ray JPEGs (train + val), read from <see cref="TestData.DataRoot"/>; never copied.</summary>
internal static class SharedImages
{
    private static readonly Lazy<string[]> Files = new(() =>
    {
        var files = new[] { "train", "val" }
            .SelectMany(split => Directory.EnumerateFiles(Path.Combine(TestData.DataRoot, split), "*.jpeg", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal)
            .ToArray();
        return files.Length > 0
            ? files
            : throw new InvalidOperationException($"No .jpeg files under {TestData.DataRoot}/train or /val.");
    });

    public static IReadOnlyList<string> All => Files.Value;

    /// <summary>A fixed, real 224 × 224 JPEG.</summary>
    public static string First => Files.Value[0];

    public static byte[] FirstBytes() => File.ReadAllBytes(First);
}
