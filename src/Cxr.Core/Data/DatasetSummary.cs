using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Cxr.Core.Contracts;

namespace Cxr.Core.Data;

/// <summary>
/// What <c>cxr data inspect</c> reports about a scanned data set. Paths are relative to <see cref="Root"/> with forward
/// slashes. <see cref="ToJson"/> gives the documented JSON shape.
/// </summary>
/// <param name="Root">Absolute data set root.</param>
/// <param name="Layout">Recognised layout.</param>
/// <param name="Splits">Per split (train, val, test order; a flat layout has the single split <c>all</c>).</param>
/// <param name="ImagesPerPatientMax">Most images of one patient over the whole set.</param>
/// <param name="ImagesPerPatientMean">Images / distinct patients over the whole set.</param>
/// <param name="Duplicates">Groups (two or more) of byte-identical images, as relative paths; empty if not hashed.</param>
/// <param name="SkippedFiles">Non-image entries found in the class folders (see <see cref="DatasetScan.SkippedFiles"/>).</param>
/// <param name="Leaks">Patients or duplicates spanning more than one existing split; <see cref="DataLeak.Files"/> are relative.</param>
public sealed record DatasetSummary(
    string Root,
    DatasetLayout Layout,
    IReadOnlyList<SplitSummary> Splits,
    int ImagesPerPatientMax,
    double ImagesPerPatientMean,
    IReadOnlyList<IReadOnlyList<string>> Duplicates,
    IReadOnlyList<string> SkippedFiles,
    IReadOnlyList<DataLeak> Leaks)
{
    /// <summary>The JSON shape of <see cref="ToJson"/>, for help text.</summary>
    public const string JsonShape =
        "{ root, layout: kaggle|flat, images, splits: { SPLIT: { NORMAL, PNEUMONIA } }, " +
        "subtypes: { SPLIT: { normal, bacteria, virus, unknown } }, " +
        "patients: { SPLIT: count, imagesPerPatientMax, imagesPerPatientMean }, " +
        "duplicateGroups, duplicates: [[relative paths]], skipped, skippedFiles: [relative paths], " +
        "leaks: [{ kind: patient|duplicate, key, splits: [..], files: [relative paths] }] } " +
        "where SPLIT is train, val, test (those present) or all (flat layout)";

    public int Images => Splits.Sum(s => s.Total);

    public int Patients => Splits.Sum(s => s.Patients);

    public int DuplicateGroups => Duplicates.Count;

    /// <summary>Summarises <paramref name="scan"/>.</summary>
    public static DatasetSummary From(DatasetScan scan)
    {
        ArgumentNullException.ThrowIfNull(scan);
        var records = scan.Records;
        var perPatient = records.GroupBy(r => r.Patient, StringComparer.Ordinal).Select(g => g.Count()).ToList();
        var duplicates = DuplicateFinder.FindGroups(records)
            .Select(g => (IReadOnlyList<string>)g.Select(scan.RelativePath).ToArray())
            .ToArray();
        var leaks = LeakageChecker.Find(records)
            .Select(l => l with { Files = l.Files.Select(f => DataPaths.Relative(scan.Root, f)).ToArray() })
            .ToArray();
        return new DatasetSummary(
            scan.Root,
            scan.Layout,
            SplitSummary.PerSplit(records),
            perPatient.Count == 0 ? 0 : perPatient.Max(),
            perPatient.Count == 0 ? 0 : (double)records.Count / perPatient.Count,
            duplicates,
            scan.SkippedFiles,
            leaks);
    }

    /// <summary>The summary as JSON (shape in <see cref="JsonShape"/>), indented, LF line endings, invariant numbers.</summary>
    public string ToJson()
    {
        var buffer = new MemoryStream();
        var options = new JsonWriterOptions
        {
            Indented = true,
            NewLine = "\n",
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        using (var json = new Utf8JsonWriter(buffer, options))
        {
            json.WriteStartObject();
            json.WriteString("root", Root);
            json.WriteString("layout", Layout.ToString().ToLowerInvariant());
            json.WriteNumber("images", Images);

            json.WriteStartObject("splits");
            foreach (var s in Splits)
            {
                json.WriteStartObject(s.Name);
                json.WriteNumber(ClassLabels.Normal, s.Normal);
                json.WriteNumber(ClassLabels.Pneumonia, s.Pneumonia);
                json.WriteEndObject();
            }

            json.WriteEndObject();

            json.WriteStartObject("subtypes");
            foreach (var s in Splits)
            {
                json.WriteStartObject(s.Name);
                foreach (var (subtype, count) in s.Subtypes.OrderBy(p => SubtypeRank(p.Key)))
                {
                    json.WriteNumber(subtype, count);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();

            json.WriteStartObject("patients");
            foreach (var s in Splits)
            {
                json.WriteNumber(s.Name, s.Patients);
            }

            json.WriteNumber("imagesPerPatientMax", ImagesPerPatientMax);
            json.WriteNumber("imagesPerPatientMean", Math.Round(ImagesPerPatientMean, 4));
            json.WriteEndObject();

            json.WriteNumber("duplicateGroups", DuplicateGroups);
            json.WriteStartArray("duplicates");
            foreach (var group in Duplicates)
            {
                WriteStrings(json, group);
            }

            json.WriteEndArray();

            json.WriteNumber("skipped", SkippedFiles.Count);
            json.WritePropertyName("skippedFiles");
            WriteStrings(json, SkippedFiles);

            json.WriteStartArray("leaks");
            foreach (var leak in Leaks)
            {
                json.WriteStartObject();
                json.WriteString("kind", leak.Kind);
                json.WriteString("key", leak.Key);
                json.WritePropertyName("splits");
                WriteStrings(json, leak.Splits);
                json.WritePropertyName("files");
                WriteStrings(json, leak.Files);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteStrings(Utf8JsonWriter json, IEnumerable<string> values)
    {
        json.WriteStartArray();
        foreach (var v in values)
        {
            json.WriteStringValue(v);
        }

        json.WriteEndArray();
    }

    private static int SubtypeRank(string subtype) => subtype switch
    {
        "bacteria" => 0,
        "virus" => 1,
        "normal" => 2,
        _ => 3,
    };
}
