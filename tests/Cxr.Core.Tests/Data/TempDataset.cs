using System.Text;

namespace Cxr.Core.Tests.Data;

/// <summary>A throw-away folder for generated data set trees; files needn't be valid images for scanning.</summary>
internal sealed class TempDataset : IDisposable
{
    public TempDataset()
    {
        Root = Path.Combine(Path.GetTempPath(), "cxr-data-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>Creates <paramref name="relativePath"/> (forward slashes) with the given content (default: its own path, so unique).</summary>
    public string Add(string relativePath, string? content = null)
    {
        var full = Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content ?? relativePath, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return full;
    }

    public string Folder(string relativePath)
    {
        var full = Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(full);
        return full;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing a test over.
        }
    }
}
