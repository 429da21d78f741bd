using System.Globalization;

namespace Cxr.Core.Data;

/// <summary>
/// Patient-grouped K-fold assignment for cross-fitting (<c>cxr train --ensemble K</c>): every image goes to exactly one
/// of K folds, no patient and no byte-identical image spans two folds, and each fold gets about 1/K of the NORMAL and
/// 1/K of the PNEUMONIA images.
/// </summary>
/// <remarks>The same grouping and placement as <see cref="PatientGroupedSplitter"/> with K equal shares (see
/// <see cref="PatientGroupAssignment"/>): per label stratum the groups are shuffled with <c>new Random(seed)</c>, sorted
/// largest first and each put in the fold furthest below its share, so the folds' sizes differ by at most about one
/// patient's images per class. The result depends only on the set of records, K and the seed, not on the input
/// order.</remarks>
public sealed class PatientGroupedFolds
{
    /// <summary>Largest K accepted: beyond it each member's held-out fold gets too small to select an epoch on.</summary>
    public const int MaxFolds = 20;

    /// <param name="folds">K, in [2, <see cref="MaxFolds"/>].</param>
    /// <param name="seed">Seed of the shuffle; the same seed and records give the same folds.</param>
    /// <exception cref="DatasetException">K is outside [2, <see cref="MaxFolds"/>].</exception>
    public PatientGroupedFolds(int folds, int seed = 42)
    {
        if (folds is < 2 or > MaxFolds)
        {
            throw new DatasetException(string.Create(CultureInfo.InvariantCulture,
                $"A patient-grouped K-fold split needs K between 2 and {MaxFolds}; got {folds}."));
        }

        Folds = folds;
        Seed = seed;
    }

    /// <summary>K.</summary>
    public int Folds { get; }

    public int Seed { get; }

    /// <summary>The fold in [0, K) of every record, in record order (their <see cref="ImageRecord.Split"/> is
    /// ignored).</summary>
    /// <exception cref="DatasetException">Some fold would hold no NORMAL or no PNEUMONIA image (too few patients of a
    /// class for K folds).</exception>
    public IReadOnlyList<int> Assign(IReadOnlyList<ImageRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var share = 1.0 / Folds;
        var assignment = PatientGroupAssignment.Assign(records, [.. Enumerable.Repeat(share, Folds)], Seed);
        for (var fold = 0; fold < Folds; fold++)
        {
            var normal = 0;
            var pneumonia = 0;
            for (var i = 0; i < records.Count; i++)
            {
                if (assignment[i] == fold)
                {
                    normal += records[i].Label == CxrLabel.Normal ? 1 : 0;
                    pneumonia += records[i].Label == CxrLabel.Pneumonia ? 1 : 0;
                }
            }

            if (normal == 0 || pneumonia == 0)
            {
                throw new DatasetException(string.Create(CultureInfo.InvariantCulture,
                    $"{Folds} patient-grouped folds need at least {Folds} patients of each class; fold {fold + 1} of the {records.Count} images would hold {normal} NORMAL and {pneumonia} PNEUMONIA images."));
            }
        }

        return assignment;
    }
}
