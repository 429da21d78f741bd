namespace Cxr.Benchmarks.Imaging;

/// <summary>Finds the shared chest X-ray set like the tests do: <c>CXR_DATA</c>, else <c>../shared/data/chest_xray</c>
/// next to the repository root (the folder holding Cxr.slnx).</summary>
internal static class BenchmarkData
{
    public static string DataRoot()
    {
        var env = Environment.GetEnvironmentVariable("CXR_DATA");
        if (!string.IsNullOrWhiteSpace(env) && Directory.Exists(env))
        {
            return env;
        }

        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Cxr.slnx")))
        {
            dir = dir.Parent;
        }

        var candidate = dir is null ? null : Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "chest_xray"));
        return candidate is not null && Directory.Exists(candidate)
            ? candidate
            : throw new InvalidOperationException("The chest X-ray data set was not found. Set CXR_DATA to the folder holding train/ and val/.");
    }

    /// <summary>The first train/NORMAL JPEG in ordinal order: a fixed, real 224 × 224 image.</summary>
    public static string First224Jpeg()
        => Directory.EnumerateFiles(Path.Combine(DataRoot(), "train", "NORMAL"), "*.jpeg").Order(StringComparer.Ordinal).First();
}
