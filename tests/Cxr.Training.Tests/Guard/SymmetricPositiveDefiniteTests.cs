using Cxr.Training.Guard;

namespace Cxr.Training.Tests.Guard;

public sealed class SymmetricPositiveDefiniteTests
{
    [Fact]
    public void Inverse_of_a_random_20_by_20_spd_matrix_gives_the_identity()
    {
        const int n = 20;
        var random = new Random(11);
        var b = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                b[i, j] = (random.NextDouble() * 2) - 1;
            }
        }

        // A = B Bᵀ + 0.1 I: symmetric positive definite, not diagonally dominant.
        var a = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                for (var k = 0; k < n; k++)
                {
                    a[i, j] += b[i, k] * b[j, k];
                }
            }

            a[i, i] += 0.1;
        }

        var inverse = SymmetricPositiveDefinite.Inverse(a);

        Matrices.AssertClose(Matrices.Identity(n), Matrices.Multiply(a, inverse), 1e-9);
        Matrices.AssertClose(Matrices.Identity(n), Matrices.Multiply(inverse, a), 1e-9);
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                Assert.Equal(inverse[i, j], inverse[j, i]);
            }
        }
    }

    [Fact]
    public void Inverse_of_a_diagonal_matrix_is_the_reciprocal_diagonal()
    {
        var inverse = SymmetricPositiveDefinite.Inverse(new double[,] { { 4, 0, 0 }, { 0, 0.5, 0 }, { 0, 0, 1 } });
        Matrices.AssertClose(new double[,] { { 0.25, 0, 0 }, { 0, 2, 0 }, { 0, 0, 1 } }, inverse, 1e-15);
    }

    [Fact]
    public void Inverse_of_a_known_2_by_2_matrix()
    {
        // [[4, 2], [2, 3]]⁻¹ = [[3, −2], [−2, 4]] / 8.
        var inverse = SymmetricPositiveDefinite.Inverse(new double[,] { { 4, 2 }, { 2, 3 } });
        Matrices.AssertClose(new double[,] { { 0.375, -0.25 }, { -0.25, 0.5 } }, inverse, 1e-15);
    }

    [Fact]
    public void An_empty_matrix_inverts_to_an_empty_matrix() =>
        Assert.Empty(SymmetricPositiveDefinite.Inverse(new double[0, 0]));

    [Fact]
    public void A_non_square_matrix_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => SymmetricPositiveDefinite.Inverse(new double[2, 3]));
        Assert.Equal("matrix", error.ParamName);
        Assert.StartsWith("The matrix is not square.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1.0, 2.0, 1.0, 1)]   // indefinite: eigenvalues 3 and −1
    [InlineData(1.0, 1.0, 1.0, 1)]   // singular: eigenvalue 0
    [InlineData(0.0, 0.0, 1.0, 0)]   // zero first pivot
    [InlineData(-1.0, 0.0, 1.0, 0)]  // negative definite direction
    [InlineData(double.NaN, 0.0, 1.0, 0)]
    public void A_matrix_that_is_not_positive_definite_names_its_pivot(double a, double b, double d, int pivot)
    {
        var error = Assert.Throws<ArgumentException>(() => SymmetricPositiveDefinite.Inverse(new[,] { { a, b }, { b, d } }));
        Assert.StartsWith($"The matrix is not positive definite (pivot {pivot} is ", error.Message, StringComparison.Ordinal);
    }
}
