namespace Cxr.Core.Data;

/// <summary>The result of <see cref="DatasetScanner.Scan(string, bool, IProgress{int}?)"/>.</summary>
/// <param name="Root">Absolute path of the scanned root folder.</param>
/// <param name="Layout">The layout that was recognised.</param>
/// <param name="Records">Every image, ordered ordinally by its path relative to <paramref name="Root"/>.</param>
/// <param name="SkippedFiles">
/// Entries inside the class folders that are not images, relative to <paramref name="Root"/> with forward slashes, in ordinal
/// order: files without an image extension, hidden files, and sub-folders (these end in <c>/</c> and are not descended into).
/// </param>
public sealed record DatasetScan(string Root, DatasetLayout Layout, IReadOnlyList<ImageRecord> Records, IReadOnlyList<string> SkippedFiles)
{
    /// <summary>The path of <paramref name="record"/> relative to <see cref="Root"/>, with forward slashes.</summary>
    public string RelativePath(ImageRecord record) => DataPaths.Relative(Root, record.Path);
}
