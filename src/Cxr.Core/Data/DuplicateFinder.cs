namespace Cxr.Core.Data;

/// <summary>Finds byte-identical images (same SHA-256).</summary>
public static class DuplicateFinder
{
    /// <summary>
    /// Groups of two or more records with the same non-empty <see cref="ImageRecord.Sha256"/> (records without a hash are
    /// ignored). Each group is ordered by path (ordinal); groups are ordered by their first path.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<ImageRecord>> FindGroups(IEnumerable<ImageRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        return records
            .Where(r => !string.IsNullOrEmpty(r.Sha256))
            .GroupBy(r => r.Sha256, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Skip(1).Any())
            .Select(g => (IReadOnlyList<ImageRecord>)g.OrderBy(r => r.Path, StringComparer.Ordinal).ToArray())
            .OrderBy(g => g[0].Path, StringComparer.Ordinal)
            .ToArray();
    }
}
