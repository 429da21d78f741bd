namespace Cxr.Cli.Predictions;

/// <summary>Unique DICOM answer file names in one output folder: <c>NAME.sc.dcm</c> and <c>NAME.sr.dcm</c>, then
/// <c>NAME-2.sc.dcm</c>, ... when two inputs share a name. Thread-safe.</summary>
internal sealed class DicomAnswerFileNames(string directory)
{
    private readonly HashSet<string> used = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock gate = new();

    /// <summary>The Secondary Capture's and the report's paths for <paramref name="inputFile"/>.</summary>
    public (string SecondaryCapture, string Report) For(string inputFile)
    {
        var stem = Path.GetFileNameWithoutExtension(inputFile);
        lock (gate)
        {
            var name = stem;
            for (var n = 2; !used.Add(name); n++)
            {
                name = $"{stem}-{n}";
            }

            return (Path.Combine(directory, name + ".sc.dcm"), Path.Combine(directory, name + ".sr.dcm"));
        }
    }
}
