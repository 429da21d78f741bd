namespace Cxr.Core.Data;

/// <summary>Checks that no patient and no byte-identical image appears in more than one split.</summary>
public static class LeakageChecker
{
    /// <summary>
    /// Patient leaks (same non-empty <see cref="ImageRecord.Patient"/> in two or more splits) first, ordered by key, then
    /// duplicate leaks (same non-empty <see cref="ImageRecord.Sha256"/> in two or more splits), ordered by first file.
    /// Empty when the records are clean (always for a single split).
    /// </summary>
    public static IReadOnlyList<DataLeak> Find(IEnumerable<ImageRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var list = records as IReadOnlyCollection<ImageRecord> ?? records.ToList();
        var patientLeaks = Leaks(list, "patient", r => r.Patient, StringComparer.Ordinal).OrderBy(l => l.Key, StringComparer.Ordinal);
        var duplicateLeaks = Leaks(list, "duplicate", r => r.Sha256, StringComparer.OrdinalIgnoreCase).OrderBy(l => l.Files[0], StringComparer.Ordinal);
        return patientLeaks.Concat(duplicateLeaks).ToArray();
    }

    /// <summary>Throws when <see cref="Find"/> finds anything.</summary>
    /// <exception cref="DataLeakageException">Lists the offending patients and files.</exception>
    public static void EnsureNone(IEnumerable<ImageRecord> records)
    {
        var leaks = Find(records);
        if (leaks.Count > 0)
        {
            throw new DataLeakageException(leaks);
        }
    }

    private static IEnumerable<DataLeak> Leaks(
        IEnumerable<ImageRecord> records, string kind, Func<ImageRecord, string> key, StringComparer comparer) =>
        records
            .Where(r => !string.IsNullOrEmpty(key(r)))
            .GroupBy(key, comparer)
            .Select(g => (g.Key, Records: g.ToList(), Splits: g.Select(r => r.Split).Distinct(StringComparer.Ordinal).ToList()))
            .Where(g => g.Splits.Count > 1)
            .Select(g => new DataLeak(
                kind,
                g.Key,
                SplitOrder.Sort(g.Splits).ToArray(),
                g.Records.Select(r => r.Path).Order(StringComparer.Ordinal).ToArray()));
}
