namespace Cxr.Core.Data;

/// <summary>Counts for one split (or for the whole of a flat data set, named <c>all</c>).</summary>
/// <param name="Name">Split name: <c>train</c>, <c>val</c>, <c>test</c> or <c>all</c>.</param>
/// <param name="Normal">Images labelled NORMAL (≥ 0).</param>
/// <param name="Pneumonia">Images labelled PNEUMONIA (≥ 0).</param>
/// <param name="Subtypes">Image count per subtype; always has the keys <c>normal</c>, <c>bacteria</c>, <c>virus</c>, <c>unknown</c>.</param>
/// <param name="Patients">Distinct patient keys in the split.</param>
/// <param name="ImagesPerPatientMax">Most images of one patient in the split (0 when empty).</param>
/// <param name="ImagesPerPatientMean">Images / patients (0 when empty).</param>
public sealed record SplitSummary(
    string Name,
    int Normal,
    int Pneumonia,
    IReadOnlyDictionary<string, int> Subtypes,
    int Patients,
    int ImagesPerPatientMax,
    double ImagesPerPatientMean)
{
    public int Total => Normal + Pneumonia;

    /// <summary>Pneumonia / total in [0, 1]; 0 for an empty split.</summary>
    public double PneumoniaFraction => Total == 0 ? 0 : (double)Pneumonia / Total;

    /// <summary>Counts <paramref name="records"/> under the name <paramref name="name"/> (their own split field is not read).</summary>
    public static SplitSummary From(string name, IEnumerable<ImageRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var list = records.ToList();
        var subtypes = PatientIdParser.Subtypes.ToDictionary(s => s, _ => 0, StringComparer.Ordinal);
        foreach (var r in list)
        {
            subtypes[r.Subtype] = subtypes.GetValueOrDefault(r.Subtype) + 1;
        }

        var perPatient = list.GroupBy(r => r.Patient, StringComparer.Ordinal).Select(g => g.Count()).ToList();
        return new SplitSummary(
            name,
            list.Count(r => r.Label == CxrLabel.Normal),
            list.Count(r => r.Label == CxrLabel.Pneumonia),
            subtypes,
            perPatient.Count,
            perPatient.Count == 0 ? 0 : perPatient.Max(),
            perPatient.Count == 0 ? 0 : (double)list.Count / perPatient.Count);
    }

    /// <summary>
    /// One summary per split present in <paramref name="records"/>, in train, val, test order; records with an empty split
    /// are counted under <c>all</c>.
    /// </summary>
    public static IReadOnlyList<SplitSummary> PerSplit(IEnumerable<ImageRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var bySplit = records.GroupBy(r => r.Split.Length == 0 ? "all" : r.Split, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        return SplitOrder.Sort(bySplit.Keys).Select(s => From(s, bySplit[s])).ToArray();
    }
}
