namespace Cxr.Inference.Reporting;

/// <summary>Durations as every surface reports them.</summary>
public static class Milliseconds
{
    /// <summary><paramref name="ms"/> to the microsecond: finer digits are timer noise.</summary>
    public static double Round(double ms) => Math.Round(ms, 3);
}
