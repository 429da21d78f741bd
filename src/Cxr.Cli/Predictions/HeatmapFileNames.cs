namespace Cxr.Cli.Predictions;

/// <summary>Unique overlay file names in one output folder: <c>NAME.heatmap.png</c>, then <c>NAME-2.heatmap.png</c>, ...
/// when two inputs share a name. Thread-safe.</summary>
internal sealed class HeatmapFileNames(string directory)
{
    private readonly HashSet<string> used = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock gate = new();

    public string For(string inputFile)
    {
        var stem = Path.GetFileNameWithoutExtension(inputFile);
        lock (gate)
        {
            var name = stem + ".heatmap.png";
            for (var n = 2; !used.Add(name); n++)
            {
                name = $"{stem}-{n}.heatmap.png";
            }

            return Path.Combine(directory, name);
        }
    }
}
