using Cxr.Training.Guard;

namespace Cxr.Training.Tests.Guard;

public sealed class TiedGaussianReferencesTests
{
    // Group 0: the corners of a square around (1, 1); group 1: a diagonal line through (12, 2).
    // Within-group scatter: group 0 [[4, 0], [0, 4]], group 1 [[8, 8], [8, 8]]; pooled over n − K = 7 − 2 = 5:
    // S = [[2.4, 1.6], [1.6, 2.4]], det 3.2, S⁻¹ = [[0.75, −0.5], [−0.5, 0.75]].
    private static readonly float[][] Rows = [[0, 0], [2, 0], [0, 2], [2, 2], [10, 0], [12, 2], [14, 4]];
    private static readonly int[] Groups = [0, 0, 0, 0, 1, 1, 1];

    [Fact]
    public void Means_and_pooled_precision_match_the_hand_computed_values()
    {
        var references = TiedGaussianReferences.Fit(Rows, Groups, 2, shrinkage: 0);

        Assert.Equal(2, references.Dimension);
        Assert.Equal(2, references.Means.Length);
        Assert.Equal([1.0, 1.0], references.Means[0]);
        Assert.Equal([12.0, 2.0], references.Means[1]);
        Matrices.AssertClose(new[,] { { 0.75, -0.5 }, { -0.5, 0.75 } }, references.Precision, 1e-12);
        Matrices.AssertClose(Matrices.Identity(2), Matrices.Multiply(references.Precision, new[,] { { 2.4, 1.6 }, { 1.6, 2.4 } }), 1e-12);
    }

    [Fact]
    public void Squared_distances_follow_the_closed_form()
    {
        var references = TiedGaussianReferences.Fit(Rows, Groups, 2, shrinkage: 0);

        // (3, 1) − (1, 1) = (2, 0): 0.75·4 = 3. (3, 1) − (12, 2) = (−9, −1): 0.75·81 − 2·0.5·9 + 0.75·1 = 52.5.
        var distances = references.SquaredDistances([3, 1]);
        Assert.Equal(2, distances.Length);
        Assert.Equal(3, distances[0], 12);
        Assert.Equal(52.5, distances[1], 12);

        // A mean is at distance 0 from itself; moving along the tied covariance's long axis (1, 1) costs less than
        // across it (1, −1) by the eigenvalue ratio 4 / 0.8 = 5.
        Assert.Equal(0, references.SquaredDistances([12, 2])[1], 12);
        var along = references.SquaredDistances([2, 2])[0];
        var across = references.SquaredDistances([2, 0])[0];
        Assert.Equal(0.5, along, 12);
        Assert.Equal(2.5, across, 12);
    }

    [Fact]
    public void Shrinkage_blends_the_covariance_towards_its_mean_variance()
    {
        // λ = 0.5: 0.5·S + 0.5·(trace(S)/2)·I = [[2.4, 0.8], [0.8, 2.4]], det 5.12.
        var references = TiedGaussianReferences.Fit(Rows, Groups, 2, shrinkage: 0.5);
        Matrices.AssertClose(new[,] { { 2.4 / 5.12, -0.8 / 5.12 }, { -0.8 / 5.12, 2.4 / 5.12 } }, references.Precision, 1e-12);
    }

    [Fact]
    public void A_constant_feature_is_singular_without_shrinkage_and_invertible_with_it()
    {
        // The third feature never changes (a dead ReLU): the pooled covariance has a zero row and column.
        var rows = Rows.Select(r => new[] { r[0], r[1], 0f }).ToArray();
        var singular = Assert.Throws<ArgumentException>(() => TiedGaussianReferences.Fit(rows, Groups, 2, shrinkage: 0));
        Assert.Contains("not positive definite", singular.Message, StringComparison.Ordinal);

        const double lambda = 0.05;
        var references = TiedGaussianReferences.Fit(rows, Groups, 2, lambda);
        var ridge = lambda * (4.8 / 3);
        var shrunk = new[,]
        {
            { ((1 - lambda) * 2.4) + ridge, (1 - lambda) * 1.6, 0 },
            { (1 - lambda) * 1.6, ((1 - lambda) * 2.4) + ridge, 0 },
            { 0, 0, ridge },
        };
        Matrices.AssertClose(Matrices.Identity(3), Matrices.Multiply(references.Precision, shrunk), 1e-10);
        Assert.All(references.SquaredDistances([5, 5, 0]), d => Assert.True(double.IsFinite(d) && d > 0));
    }

    [Fact]
    public void Features_that_never_fire_at_all_still_give_a_finite_precision()
    {
        var rows = Enumerable.Range(0, 6).Select(_ => new float[4]).ToArray();
        var references = TiedGaussianReferences.Fit(rows, [0, 0, 0, 1, 1, 1], 2);
        Assert.All(references.Precision.Cast<double>(), v => Assert.True(double.IsFinite(v)));
        Assert.Equal([0.0, 0.0], references.SquaredDistances(new float[4]));
    }

    [Fact]
    public void Precision_is_symmetric_and_inverts_a_random_pooled_covariance()
    {
        var random = new Random(3);
        const int d = 6, perGroup = 40, k = 3;
        var rows = new float[perGroup * k][];
        var groups = new int[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            groups[i] = i % k;
            rows[i] = Enumerable.Range(0, d).Select(j => (float)((groups[i] * 3) + (random.NextDouble() * (j + 1)))).ToArray();
        }

        var references = TiedGaussianReferences.Fit(rows, groups, k, shrinkage: 0);

        // Reference: the pooled covariance computed directly from its definition.
        var covariance = new double[d, d];
        for (var i = 0; i < rows.Length; i++)
        {
            var mean = references.Means[groups[i]];
            for (var a = 0; a < d; a++)
            {
                for (var b = 0; b < d; b++)
                {
                    covariance[a, b] += (rows[i][a] - mean[a]) * (rows[i][b] - mean[b]) / (rows.Length - k);
                }
            }
        }

        Matrices.AssertClose(Matrices.Identity(d), Matrices.Multiply(references.Precision, covariance), 1e-9);
        for (var a = 0; a < d; a++)
        {
            for (var b = 0; b < d; b++)
            {
                Assert.Equal(references.Precision[a, b], references.Precision[b, a]);
            }
        }

        for (var g = 0; g < k; g++)
        {
            var expected = Enumerable.Range(0, d).Select(j => rows.Where((_, i) => groups[i] == g).Average(r => (double)r[j])).ToArray();
            Matrices.AssertClose(expected, references.Means[g], 1e-9);
        }
    }

    [Fact]
    public void Rows_of_different_lengths_are_named()
    {
        float[][] rows = [[0, 0], [1, 1], [2, 2, 2], [3, 3]];
        var error = Assert.Throws<ArgumentException>(() => TiedGaussianReferences.Fit(rows, [0, 0, 1, 1], 2));
        Assert.Equal("features", error.ParamName);
        Assert.StartsWith("Sample 2 has 3 features; sample 0 has 2.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(-1)]
    public void A_group_outside_the_range_is_named(int group)
    {
        float[][] rows = [[0, 0], [1, 1], [2, 2], [3, 3]];
        var error = Assert.Throws<ArgumentException>(() => TiedGaussianReferences.Fit(rows, [0, 1, group, 1], 2));
        Assert.Equal("groups", error.ParamName);
        Assert.StartsWith($"Sample 2 has group {group}, outside [0, 2).", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_group_without_samples_is_named()
    {
        float[][] rows = [[0, 0], [1, 1], [2, 2], [3, 3]];
        var error = Assert.Throws<ArgumentException>(() => TiedGaussianReferences.Fit(rows, [0, 0, 2, 2], 3));
        Assert.StartsWith("Group 1 has no samples.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sample_and_group_counts_must_agree_and_exceed_the_group_count()
    {
        float[][] rows = [[0, 0], [1, 1], [2, 2]];
        var mismatch = Assert.Throws<ArgumentException>(() => TiedGaussianReferences.Fit(rows, [0, 1], 2));
        Assert.Contains("got 3 samples, 2 groups ids, 2 groups", mismatch.Message, StringComparison.Ordinal);

        Assert.Throws<ArgumentException>(() => TiedGaussianReferences.Fit(rows[..2], [0, 1], 2));
        Assert.Throws<ArgumentException>(() => TiedGaussianReferences.Fit([], [], 1));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Shrinkage_outside_zero_to_one_is_refused(double shrinkage)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => TiedGaussianReferences.Fit(Rows, Groups, 2, shrinkage));
        Assert.Equal("shrinkage", error.ParamName);
    }

    [Fact]
    public void Zero_groups_and_null_arguments_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TiedGaussianReferences.Fit(Rows, Groups, 0));
        Assert.Throws<ArgumentNullException>(() => TiedGaussianReferences.Fit(null!, Groups, 2));
        Assert.Throws<ArgumentNullException>(() => TiedGaussianReferences.Fit(Rows, null!, 2));
    }

    [Fact]
    public void A_feature_row_of_the_wrong_length_is_named()
    {
        var references = TiedGaussianReferences.Fit(Rows, Groups, 2);
        var error = Assert.Throws<ArgumentException>(() => references.SquaredDistances([1, 2, 3]));
        Assert.Equal("x", error.ParamName);
        Assert.StartsWith("Expected 2 features; got 3.", error.Message, StringComparison.Ordinal);
    }
}
