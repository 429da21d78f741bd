namespace Cxr.Core.Data;

/// <summary>
/// The assignment behind <see cref="PatientGroupedSplitter"/> and <see cref="PatientGroupedFolds"/>: images grouped by
/// patient and by file hash (union-find), each group placed, per label stratum, in the part furthest below its share.
/// </summary>
/// <remarks>Same patient or same non-empty SHA-256 puts images in one group (so a duplicate shared by two patients joins
/// both). Each group goes to the stratum of its majority label (ties count as pneumonia). Per stratum, groups are put in
/// a canonical order (by smallest path), shuffled with <c>new Random(seed)</c>, stably sorted by image count (largest
/// first, so the small groups at the end even out the counts), then each goes to the part furthest below its image
/// target relative to that target. The result depends only on the set of records, the fractions and the seed.</remarks>
internal static class PatientGroupAssignment
{
    /// <summary>The part index in [0, <paramref name="fractions"/>.Count) of every record, in record order.</summary>
    /// <param name="records">The images.</param>
    /// <param name="fractions">Share of the images each part should get (non-negative, summing to 1); a part with 0 gets
    /// none.</param>
    /// <param name="seed">Seed of the shuffle.</param>
    public static int[] Assign(IReadOnlyList<ImageRecord> records, IReadOnlyList<double> fractions, int seed)
    {
        var n = records.Count;
        var sets = new UnionFind(n);
        var byPatient = new Dictionary<string, int>(StringComparer.Ordinal);
        var byHash = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < n; i++)
        {
            Link(byPatient, records[i].Patient, i, sets);
            Link(byHash, records[i].Sha256, i, sets);
        }

        var groups = Enumerable.Range(0, n)
            .GroupBy(sets.Find)
            .Select(g => (Members: g.ToArray(), Key: g.Select(i => records[i].Path).Min(StringComparer.Ordinal)!))
            .ToList();

        var assignment = new int[n];
        var random = new Random(seed);
        foreach (var stratum in new[] { CxrLabel.Normal, CxrLabel.Pneumonia })
        {
            var members = groups
                .Where(g => MajorityLabel(g, records) == stratum)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToArray();
            random.Shuffle(members);
            Place(members.OrderByDescending(g => g.Members.Length).ToList(), fractions, assignment);
        }

        return assignment;
    }

    private static void Place(List<(int[] Members, string Key)> groups, IReadOnlyList<double> fractions, int[] assignment)
    {
        var total = groups.Sum(g => g.Members.Length);
        var targets = fractions.Select(f => f * total).ToArray();
        var counts = new double[targets.Length];
        foreach (var group in groups)
        {
            var best = -1;
            var bestDeficit = double.NegativeInfinity;
            for (var s = 0; s < targets.Length; s++)
            {
                if (targets[s] <= 0)
                {
                    continue;
                }

                var deficit = (targets[s] - counts[s]) / targets[s];
                if (deficit > bestDeficit)
                {
                    best = s;
                    bestDeficit = deficit;
                }
            }

            counts[best] += group.Members.Length;
            foreach (var i in group.Members)
            {
                assignment[i] = best;
            }
        }
    }

    private static CxrLabel MajorityLabel((int[] Members, string Key) group, IReadOnlyList<ImageRecord> records)
    {
        var pneumonia = group.Members.Count(i => records[i].Label == CxrLabel.Pneumonia);
        return 2 * pneumonia >= group.Members.Length ? CxrLabel.Pneumonia : CxrLabel.Normal;
    }

    private static void Link(Dictionary<string, int> firstIndex, string key, int index, UnionFind sets)
    {
        if (string.IsNullOrEmpty(key))
        {
            return;
        }

        if (firstIndex.TryGetValue(key, out var first))
        {
            sets.Union(first, index);
        }
        else
        {
            firstIndex[key] = index;
        }
    }
}
