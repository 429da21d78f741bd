namespace Cxr.Core.Data;

/// <summary>
/// Splits images into train/val/test so that no patient and no byte-identical image spans two splits, and each split
/// keeps the class balance of the whole.
/// </summary>
/// <remarks>
/// The grouping and placement are <see cref="PatientGroupAssignment"/>'s: images of one patient, or byte-identical
/// images, form one group; per label stratum the groups are shuffled with <c>new Random(seed)</c>, sorted largest first
/// and each put in the split furthest below its image target. The result depends only on the set of records, the ratios
/// and the seed, not on the input order.
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
        var assignment = PatientGroupAssignment.Assign(records, _fractions, Seed);
        var n = records.Count;
        var result = new ImageRecord[n];
        for (var i = 0; i < n; i++)
        {
            // Assignments index the ratios, which are in the order of SplitNames.All (train, val, test).
            result[i] = records[i] with { Split = SplitNames.All[assignment[i]] };
        }

        return result;
    }
}
