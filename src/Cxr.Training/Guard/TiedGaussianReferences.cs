namespace Cxr.Training.Guard;

/// <summary>
/// K Gaussian reference distributions in feature space with one shared (tied) covariance, as in Lee et al. 2018
/// ("A simple unified framework for detecting out-of-distribution samples"): <see cref="Means"/> <c>[K][D]</c> and the
/// inverse of the pooled within-group covariance, <see cref="Precision"/> <c>[D, D]</c>. Plain C#, float64.
/// </summary>
public sealed class TiedGaussianReferences
{
    private TiedGaussianReferences(double[][] means, double[,] precision)
    {
        Means = means;
        Precision = precision;
    }

    /// <summary>References with given parameters (e.g. read back from an exported model).</summary>
    /// <exception cref="ArgumentException">The means are empty or not D long, or the precision is not D × D.</exception>
    public static TiedGaussianReferences FromParameters(double[][] means, double[,] precision)
    {
        ArgumentNullException.ThrowIfNull(means);
        ArgumentNullException.ThrowIfNull(precision);
        var d = precision.GetLength(0);
        if (means.Length == 0 || d == 0 || precision.GetLength(1) != d || means.Any(m => m is null || m.Length != d))
        {
            throw new ArgumentException($"Expected K ≥ 1 means of D values and a D × D precision; got {means.Length} means and a {precision.GetLength(0)} × {precision.GetLength(1)} precision.");
        }

        return new TiedGaussianReferences(means, precision);
    }

    /// <summary>Group means, <c>[K][D]</c>.</summary>
    public double[][] Means { get; }

    /// <summary>Inverse of the shrunk pooled covariance, <c>[D, D]</c>, symmetric positive definite.</summary>
    public double[,] Precision { get; }

    /// <summary>Feature dimension D.</summary>
    public int Dimension => Precision.GetLength(0);

    /// <summary>Fits the means and the shared covariance.</summary>
    /// <param name="features">One row of D features per sample.</param>
    /// <param name="groups">Group id in [0, <paramref name="groupCount"/>) per sample; every group needs a sample.</param>
    /// <param name="groupCount">K.</param>
    /// <param name="shrinkage">λ in [0, 1): the covariance used is <c>(1 − λ) S + λ (trace(S) / D) I</c>, which keeps
    /// it invertible when some features never fire (dead ReLUs) and steadies the small-variance directions.</param>
    /// <exception cref="ArgumentException">Rows of different lengths, a group without samples, or fewer samples than
    /// groups + 1.</exception>
    public static TiedGaussianReferences Fit(IReadOnlyList<float[]> features, IReadOnlyList<int> groups, int groupCount, double shrinkage = 0.05)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentOutOfRangeException.ThrowIfLessThan(groupCount, 1);
        if (!(shrinkage is >= 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(shrinkage), shrinkage, "Shrinkage must be in [0, 1).");
        }

        if (features.Count != groups.Count || features.Count <= groupCount)
        {
            throw new ArgumentException($"Need one group per sample and more samples than groups; got {features.Count} samples, {groups.Count} groups ids, {groupCount} groups.");
        }

        var d = features[0].Length;
        var means = new double[groupCount][];
        var counts = new int[groupCount];
        for (var k = 0; k < groupCount; k++)
        {
            means[k] = new double[d];
        }

        for (var i = 0; i < features.Count; i++)
        {
            var row = features[i];
            if (row.Length != d)
            {
                throw new ArgumentException($"Sample {i} has {row.Length} features; sample 0 has {d}.", nameof(features));
            }

            var g = groups[i];
            if ((uint)g >= (uint)groupCount)
            {
                throw new ArgumentException($"Sample {i} has group {g}, outside [0, {groupCount}).", nameof(groups));
            }

            counts[g]++;
            for (var j = 0; j < d; j++)
            {
                means[g][j] += row[j];
            }
        }

        for (var k = 0; k < groupCount; k++)
        {
            if (counts[k] == 0)
            {
                throw new ArgumentException($"Group {k} has no samples.", nameof(groups));
            }

            for (var j = 0; j < d; j++)
            {
                means[k][j] /= counts[k];
            }
        }

        var covariance = new double[d, d];
        var centered = new double[d];
        for (var i = 0; i < features.Count; i++)
        {
            var mean = means[groups[i]];
            for (var j = 0; j < d; j++)
            {
                centered[j] = features[i][j] - mean[j];
            }

            for (var a = 0; a < d; a++)
            {
                var ca = centered[a];
                if (ca == 0)
                {
                    continue;
                }

                for (var b = a; b < d; b++)
                {
                    covariance[a, b] += ca * centered[b];
                }
            }
        }

        var scale = 1.0 / (features.Count - groupCount);
        var trace = 0.0;
        for (var a = 0; a < d; a++)
        {
            for (var b = a; b < d; b++)
            {
                covariance[a, b] *= scale;
                covariance[b, a] = covariance[a, b];
            }

            trace += covariance[a, a];
        }

        var ridge = shrinkage * Math.Max(trace / d, 1e-12);
        for (var a = 0; a < d; a++)
        {
            for (var b = 0; b < d; b++)
            {
                covariance[a, b] *= 1 - shrinkage;
            }

            covariance[a, a] += ridge;
        }

        return new TiedGaussianReferences(means, SymmetricPositiveDefinite.Inverse(covariance));
    }

    /// <summary>Squared Mahalanobis distance of <paramref name="x"/> (length D) to each mean, <c>[K]</c>.</summary>
    public double[] SquaredDistances(ReadOnlySpan<float> x)
    {
        var d = Dimension;
        if (x.Length != d)
        {
            throw new ArgumentException($"Expected {d} features; got {x.Length}.", nameof(x));
        }

        var result = new double[Means.Length];
        var diff = new double[d];
        for (var k = 0; k < Means.Length; k++)
        {
            for (var j = 0; j < d; j++)
            {
                diff[j] = x[j] - Means[k][j];
            }

            var sum = 0.0;
            for (var a = 0; a < d; a++)
            {
                var row = 0.0;
                for (var b = 0; b < d; b++)
                {
                    row += Precision[a, b] * diff[b];
                }

                sum += diff[a] * row;
            }

            result[k] = sum;
        }

        return result;
    }
}
