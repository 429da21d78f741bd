namespace Cxr.Core.Data;

/// <summary>
/// Splits images into train/val/test so that no patient and no byte-identical image spans two splits, and each split
/// keeps the class balance of the whole.
/// </summary>
/// <remarks>
/// Images are grouped with union-find: same <see cref="ImageRecord.Patient"/> or same non-empty
/// <see cref="ImageRecord.Sha256"/> puts them in one group (so a duplicate shared by two patients joins both). Each group
/// goes to the stratum of its majority label (ties count as pneumonia). Per stratum, groups are put in a canonical order
/// (by smallest path), shuffled with <c>new Random(seed)</c>, stably sorted by image count (largest first, so the small
/// groups at the end even out the counts), then each goes to the split furthest below its image target relative to that
/// target. The result depends only on the set of records, the ratios and the seed, not on the input order.
/// </remarks>
public sealed class PatientGroupedSplitter
{
    private readonly double[] _fractions;

    /// <param name="ratios">Relative split sizes (see <see cref="SplitRatios"/>).</param>
    /// <param name="seed">Seed of the shuffle; the same seed and records give the same split.</param>
    /// <exception cref="DatasetException">The ratios are negative, not finite or all 0.</exception>
    public PatientGroupedSplitter(SplitRatios ratios, int seed = 42)
    {
        ArgumentNullException.ThrowIfNull(ratios);
        _fractions = ratios.Normalized().ToArray();
        Ratios = ratios;
        Seed = seed;
    }

    public SplitRatios Ratios { get; }

    public int Seed { get; }

    /// <summary>
    /// Returns <paramref name="records"/> in the same order with <see cref="ImageRecord.Split"/> set to
    /// <c>train</c>, <c>val</c> or <c>test</c> (their previous split is ignored).
    /// </summary>
    public IReadOnlyList<ImageRecord> Split(IReadOnlyList<ImageRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
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
        var random = new Random(Seed);
        foreach (var stratum in new[] { CxrLabel.Normal, CxrLabel.Pneumonia })
        {
            var members = groups
                .Where(g => MajorityLabel(g, records) == stratum)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToArray();
            random.Shuffle(members);
            Assign(members.OrderByDescending(g => g.Members.Length).ToList(), assignment);
        }

        var result = new ImageRecord[n];
        for (var i = 0; i < n; i++)
        {
            // Assignments index the ratios, which are in the order of SplitNames.All (train, val, test).
            result[i] = records[i] with { Split = SplitNames.All[assignment[i]] };
        }

        return result;
    }

    private void Assign(List<(int[] Members, string Key)> groups, int[] assignment)
    {
        var total = groups.Sum(g => g.Members.Length);
        var targets = _fractions.Select(f => f * total).ToArray();
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
