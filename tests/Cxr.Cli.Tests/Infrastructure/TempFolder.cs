namespace Cxr.Cli.Tests.Infrastructure;

/// <summary>A throw-away folder; generated files needn't be valid images for scanning.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cxr-cli-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string Path(string relative) => System.IO.Path.Combine(Root, relative);

    /// <summary>Creates the file with its own relative path as content (so every file is unique).</summary>
    public string Add(string relative)
    {
        var full = Path(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, relative);
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
