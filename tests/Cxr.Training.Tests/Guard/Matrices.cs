namespace Cxr.Training.Tests.Guard;

/// <summary>Plain dense matrix helpers for checking the guard's float64 linear algebra.</summary>
internal static class Matrices
{
    public static double[,] Identity(int n)
    {
        var identity = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            identity[i, i] = 1;
        }

        return identity;
    }

    public static double[,] Multiply(double[,] a, double[,] b)
    {
        int n = a.GetLength(0), m = b.GetLength(1), inner = a.GetLength(1);
        Assert.Equal(inner, b.GetLength(0));
        var product = new double[n, m];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < m; j++)
            {
                for (var k = 0; k < inner; k++)
                {
                    product[i, j] += a[i, k] * b[k, j];
                }
            }
        }

        return product;
    }

    public static void AssertClose(double[,] expected, double[,] actual, double tolerance)
    {
        Assert.Equal(expected.GetLength(0), actual.GetLength(0));
        Assert.Equal(expected.GetLength(1), actual.GetLength(1));
        for (var i = 0; i < expected.GetLength(0); i++)
        {
            for (var j = 0; j < expected.GetLength(1); j++)
            {
                Assert.True(
                    Math.Abs(expected[i, j] - actual[i, j]) <= tolerance,
                    $"[{i},{j}]: expected {expected[i, j]}, got {actual[i, j]} (tolerance {tolerance})");
            }
        }
    }

    public static void AssertClose(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double tolerance)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(
                Math.Abs(expected[i] - actual[i]) <= tolerance,
                $"[{i}]: expected {expected[i]}, got {actual[i]} (tolerance {tolerance})");
        }
    }
}
