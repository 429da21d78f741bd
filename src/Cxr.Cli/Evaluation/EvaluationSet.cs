using Cxr.Core.Data;

namespace Cxr.Cli.Evaluation;

/// <summary>The labelled images one evaluation runs on, and where they came from.</summary>
/// <param name="Records">The images of the split, in scan/manifest order.</param>
/// <param name="Root">Folder that file names in the outputs are relative to (the data root or the manifest's folder).</param>
/// <param name="Source">What was given: the data root or the manifest file.</param>
/// <param name="Split">The split evaluated (<c>train</c>, <c>val</c>, <c>test</c>, or <c>all</c>).</param>
internal sealed record EvaluationSet(IReadOnlyList<ImageRecord> Records, string Root, string Source, string Split)
{
    /// <summary>Evaluates everything the data root or manifest holds.</summary>
    public const string AllSplits = "all";

    /// <summary>Reads a data root (<see cref="DatasetScanner"/>) or a manifest (<see cref="Manifest"/>) and keeps
    /// <paramref name="split"/>.</summary>
    /// <exception cref="CliUsageException">Neither or both sources were given, or the split holds no images.</exception>
    public static EvaluationSet Load(string? dataRoot, string? manifest, string split)
    {
        if ((dataRoot is null) == (manifest is null))
        {
            throw new CliUsageException("Give exactly one of --data ROOT and --manifest FILE.");
        }

        IReadOnlyList<ImageRecord> all;
        string root, source;
        if (manifest is not null)
        {
            all = Manifest.Read(manifest);
            source = Path.GetFullPath(manifest);
            root = Path.GetDirectoryName(source)!;
        }
        else
        {
            var scan = DatasetScanner.Scan(dataRoot!, computeHashes: false);
            all = scan.Records;
            source = scan.Root;
            root = scan.Root;
        }

        var records = split == AllSplits ? all : all.Where(r => string.Equals(r.Split, split, StringComparison.OrdinalIgnoreCase)).ToList();
        if (records.Count == 0)
        {
            var present = all.GroupBy(r => r.Split.Length == 0 ? "(no split)" : r.Split)
                .Select(g => $"{g.Key} {g.Count()}");
            throw new CliUsageException(
                $"No images in split '{split}' of {source} (it has: {string.Join(", ", present)}). Choose one with --split, or --split all.");
        }

        return new EvaluationSet(records, root, source, split);
    }

    /// <summary>The record's path relative to <see cref="Root"/>, with forward slashes.</summary>
    public string RelativePath(ImageRecord record) => Path.GetRelativePath(Root, record.Path).Replace('\\', '/');
}
