namespace Cxr.Training.Guard;

/// <summary>Inverse of a symmetric positive definite matrix by Cholesky factorisation (float64).</summary>
internal static class SymmetricPositiveDefinite
{
    /// <exception cref="ArgumentException">The matrix is not square, or not positive definite.</exception>
    public static double[,] Inverse(double[,] matrix)
    {
        var n = matrix.GetLength(0);
        if (matrix.GetLength(1) != n)
        {
            throw new ArgumentException("The matrix is not square.", nameof(matrix));
        }

        // A = L Lᵀ.
        var l = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = matrix[i, j];
                for (var k = 0; k < j; k++)
                {
                    sum -= l[i, k] * l[j, k];
                }

                if (i == j)
                {
                    if (!(sum > 0))
                    {
                        throw new ArgumentException($"The matrix is not positive definite (pivot {i} is {sum}).", nameof(matrix));
                    }

                    l[i, i] = Math.Sqrt(sum);
                }
                else
                {
                    l[i, j] = sum / l[j, j];
                }
            }
        }

        // L⁻¹ by forward substitution, then A⁻¹ = L⁻ᵀ L⁻¹.
        var inverseL = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            inverseL[i, i] = 1 / l[i, i];
            for (var j = 0; j < i; j++)
            {
                var sum = 0.0;
                for (var k = j; k < i; k++)
                {
                    sum -= l[i, k] * inverseL[k, j];
                }

                inverseL[i, j] = sum / l[i, i];
            }
        }

        var inverse = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = 0.0;
                for (var k = i; k < n; k++)
                {
                    sum += inverseL[k, i] * inverseL[k, j];
                }

                inverse[i, j] = sum;
                inverse[j, i] = sum;
            }
        }

        return inverse;
    }
}
