namespace Cxr.Testing;

/// <summary>
/// Where the shared chest X-ray set lives for tests: <c>CXR_DATA</c>, else <c>../shared/data/chest_xray</c> above the
/// repository root. Tests that need it fail with a clear message when it is missing (never skip silently).
/// </summary>
public static class TestData
{
    private static readonly Lazy<string?> Root = new(Find);

    /// <summary>The dataset root; throws with instructions when it cannot be found.</summary>
    public static string DataRoot => Root.Value ?? throw new InvalidOperationException(
        "The chest X-ray data set was not found. Set CXR_DATA to the folder holding train/ and val/ " +
        "(default: ../shared/data/chest_xray next to the repository).");

    /// <summary>The first <c>val/<paramref name="label"/></c> JPEG in ordinal order: a fixed, real film of that class.</summary>
    public static string FirstValidationFilm(string label) =>
        Directory.GetFiles(Path.Combine(DataRoot, "val", label), "*.jpeg").Order(StringComparer.Ordinal).First();

    /// <summary>The repository root (the folder that holds Cxr.slnx).</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    private static string? Find()
    {
        var env = Environment.GetEnvironmentVariable("CXR_DATA");
        if (!string.IsNullOrWhiteSpace(env))
        {
            return Directory.Exists(env) ? Path.GetFullPath(env) : null;
        }

        var candidate = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data", "chest_xray"));
        return Directory.Exists(candidate) ? candidate : null;
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Cxr.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Cxr.slnx not found above " + AppContext.BaseDirectory);
    }
}
