namespace Cxr.Core.Data;

/// <summary>Relative paths as they are shown and stored: forward slashes on every platform.</summary>
internal static class DataPaths
{
    public static string Relative(string baseDirectory, string path) =>
        ToForwardSlashes(Path.GetRelativePath(baseDirectory, path));

    public static string ToForwardSlashes(string path) =>
        Path.DirectorySeparatorChar == '/' ? path : path.Replace(Path.DirectorySeparatorChar, '/');

    public static string FromForwardSlashes(string path) =>
        Path.DirectorySeparatorChar == '/' ? path : path.Replace('/', Path.DirectorySeparatorChar);
}
