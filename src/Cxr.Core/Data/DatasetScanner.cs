using Cxr.Core.Contracts;

namespace Cxr.Core.Data;

/// <summary>
/// Finds the images of a data set root, labels them from their class folder, parses patient ids and hashes the bytes.
/// Accepted layouts (folder names ignore case):
/// <list type="bullet">
/// <item><see cref="DatasetLayout.Kaggle"/>: <c>ROOT/{train,val,test}/{NORMAL,PNEUMONIA}/*</c>; any split folder may be missing.</item>
/// <item><see cref="DatasetLayout.Flat"/>: <c>ROOT/NORMAL/</c> + <c>ROOT/PNEUMONIA/</c>, or <c>ROOT/NORMAL_ALL/</c> + <c>ROOT/PNEUMONIA_ALL/</c>.</item>
/// </list>
/// Only files directly inside a class folder are read. Images are <c>.jpg .jpeg .png .bmp .gif .webp .dcm</c> (any case); other
/// files, hidden files and sub-folders are listed in <see cref="DatasetScan.SkippedFiles"/>.
/// </summary>
public sealed class DatasetScanner
{
    /// <summary>The accepted image file extensions (lower case, with the dot); matching ignores case.</summary>
    public static IReadOnlyList<string> ImageExtensions { get; } = [".jpg", ".jpeg", ".png", ".bmp", ".gif", ".webp", ".dcm"];

    /// <summary>The accepted layouts, in words, for error messages and help text.</summary>
    public const string AcceptedLayouts =
        "{train,val,test}/{NORMAL,PNEUMONIA}/ (Kaggle), NORMAL/ + PNEUMONIA/, or NORMAL_ALL/ + PNEUMONIA_ALL/ (folder names ignore case)";

    // Hashing small JPEGs is bound by file opening more than by SHA-256; a few threads saturate it.
    private static readonly int HashThreads = Math.Clamp(Environment.ProcessorCount, 1, 4);

    private DatasetScanner()
    {
    }

    /// <summary>Scans <paramref name="root"/>.</summary>
    /// <param name="root">The data set folder.</param>
    /// <param name="computeHashes">When false, <see cref="ImageRecord.Sha256"/> is left empty (much faster; no duplicate detection).</param>
    /// <param name="progress">Receives the number of images processed so far (1..N), possibly from several threads.</param>
    /// <exception cref="DatasetException">The root is missing, has no recognised layout, holds no images, or a file cannot be read.</exception>
    public static DatasetScan Scan(string root, bool computeHashes = true, IProgress<int>? progress = null) =>
        ScanCore(root, computeHashes, progress is null ? null : p => progress.Report(p.Done));

    /// <summary>Scans <paramref name="root"/>, reporting done and total counts (for a progress bar).</summary>
    /// <param name="root">The data set folder.</param>
    /// <param name="hashProgress">Receives (done, total) as images are processed, possibly from several threads.</param>
    /// <param name="computeHashes">When false, <see cref="ImageRecord.Sha256"/> is left empty.</param>
    /// <exception cref="DatasetException">As for <see cref="Scan(string, bool, IProgress{int}?)"/>.</exception>
    public static DatasetScan Scan(string root, IProgress<ScanProgress> hashProgress, bool computeHashes = true)
    {
        ArgumentNullException.ThrowIfNull(hashProgress);
        return ScanCore(root, computeHashes, hashProgress.Report);
    }

    private static DatasetScan ScanCore(string root, bool computeHashes, Action<ScanProgress>? report)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (string.IsNullOrWhiteSpace(root))
        {
            throw new DatasetException("No data set folder given.");
        }

        var rootFull = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        if (!Directory.Exists(rootFull))
        {
            throw new DatasetException(File.Exists(rootFull)
                ? $"{rootFull} is a file; expected the data set folder."
                : $"Data set folder not found: {rootFull}");
        }

        var (layout, classFolders) = FindClassFolders(rootFull);

        var images = new List<(string Relative, string Full, CxrLabel Label, string Split)>();
        var skipped = new List<string>();
        foreach (var folder in classFolders)
        {
            IEnumerable<FileSystemInfo> entries;
            try
            {
                entries = new DirectoryInfo(folder.Path).EnumerateFileSystemInfos().ToList();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new DatasetException($"Cannot list {folder.Path}: {ex.Message}", ex);
            }

            foreach (var entry in entries)
            {
                var relative = DataPaths.Relative(rootFull, entry.FullName);
                if (entry is DirectoryInfo)
                {
                    skipped.Add(relative + "/");
                }
                else if (IsHidden(entry) || !IsImageFile(entry.Name))
                {
                    skipped.Add(relative);
                }
                else
                {
                    images.Add((relative, entry.FullName, folder.Label, folder.Split));
                }
            }
        }

        images.Sort((a, b) => string.CompareOrdinal(a.Relative, b.Relative));
        skipped.Sort(StringComparer.Ordinal);

        if (images.Count == 0)
        {
            throw new DatasetException(
                $"No images found in the class folders under {rootFull} ({skipped.Count} other entries skipped). " +
                $"Images must end in {string.Join(", ", ImageExtensions)}.");
        }

        var hashes = new string[images.Count];
        if (computeHashes)
        {
            HashAll(images.Select(i => i.Full).ToArray(), hashes, report);
        }
        else
        {
            Array.Fill(hashes, string.Empty);
            report?.Invoke(new ScanProgress(images.Count, images.Count));
        }

        var records = new ImageRecord[images.Count];
        for (var i = 0; i < images.Count; i++)
        {
            var (_, full, label, split) = images[i];
            var (patient, subtype) = PatientIdParser.Parse(full, label);
            records[i] = new ImageRecord(full, label, subtype, patient, hashes[i], split);
        }

        return new DatasetScan(rootFull, layout, records, skipped);
    }

    private static void HashAll(string[] paths, string[] hashes, Action<ScanProgress>? report)
    {
        var done = 0;
        try
        {
            Parallel.For(0, paths.Length, new ParallelOptions { MaxDegreeOfParallelism = HashThreads }, i =>
            {
                hashes[i] = Manifest.Sha256OfFile(paths[i]);
                var n = Interlocked.Increment(ref done);
                report?.Invoke(new ScanProgress(n, paths.Length));
            });
        }
        catch (AggregateException ae) when (ae.InnerException is not null)
        {
            var first = ae.InnerException;
            throw first is DatasetException ? first : new DatasetException(first.Message, first);
        }
    }

    private static (DatasetLayout Layout, List<(string Path, CxrLabel Label, string Split)> Folders) FindClassFolders(string root)
    {
        var folders = new List<(string Path, CxrLabel Label, string Split)>();
        var splitDirectories = new List<(string Split, string Path)>();
        foreach (var split in SplitNames.All)
        {
            var dir = FindChild(root, split);
            if (dir is not null)
            {
                splitDirectories.Add((split, dir));
            }
        }

        foreach (var (split, dir) in splitDirectories)
        {
            folders.AddRange(ClassFoldersIn(dir, split, allowAllSuffix: false));
        }

        var flat = ClassFoldersIn(root, string.Empty, allowAllSuffix: true);
        if (folders.Count > 0 && flat.Count > 0)
        {
            throw new DatasetException(
                $"{root} holds both split folders (train/val/test) and class folders ({string.Join(", ", flat.Select(f => Path.GetFileName(f.Path)))}); " +
                "point at one data set. Accepted layouts: " + AcceptedLayouts + ".");
        }

        if (folders.Count > 0)
        {
            return (DatasetLayout.Kaggle, folders);
        }

        if (flat.Count > 0)
        {
            return (DatasetLayout.Flat, flat);
        }

        throw new DatasetException($"No NORMAL/PNEUMONIA class folders found under {root}. Accepted layouts: {AcceptedLayouts}.");
    }

    private static List<(string Path, CxrLabel Label, string Split)> ClassFoldersIn(string parent, string split, bool allowAllSuffix)
    {
        var result = new List<(string Path, CxrLabel Label, string Split)>();
        foreach (var label in new[] { CxrLabel.Normal, CxrLabel.Pneumonia })
        {
            var name = ClassLabels.Of(label);
            var matches = Children(parent)
                .Where(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase)
                            || (allowAllSuffix && string.Equals(d.Name, name + "_ALL", StringComparison.OrdinalIgnoreCase)))
                .ToList();
            if (matches.Count > 1)
            {
                throw new DatasetException(
                    $"{parent} has more than one {name} folder ({string.Join(", ", matches.Select(m => m.Name))}); keep one.");
            }

            if (matches.Count == 1)
            {
                result.Add((matches[0].FullName, label, split));
            }
        }

        return result;
    }

    private static string? FindChild(string parent, string name)
    {
        var matches = Children(parent).Where(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();
        if (matches.Count > 1)
        {
            throw new DatasetException(
                $"{parent} has more than one '{name}' folder ({string.Join(", ", matches.Select(m => m.Name))}); keep one.");
        }

        return matches.Count == 1 ? matches[0].FullName : null;
    }

    private static List<DirectoryInfo> Children(string parent)
    {
        try
        {
            return new DirectoryInfo(parent).EnumerateDirectories()
                .Where(d => !IsHidden(d))
                .OrderBy(d => d.Name, StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DatasetException($"Cannot list {parent}: {ex.Message}", ex);
        }
    }

    private static bool IsHidden(FileSystemInfo entry) =>
        entry.Name.StartsWith('.') || (entry.Attributes & FileAttributes.Hidden) != 0;

    private static bool IsImageFile(string name)
    {
        var extension = Path.GetExtension(name);
        return ImageExtensions.Any(e => string.Equals(e, extension, StringComparison.OrdinalIgnoreCase));
    }
}
