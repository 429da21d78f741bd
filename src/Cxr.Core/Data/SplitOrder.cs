namespace Cxr.Core.Data;

/// <summary>Split names in reading order: train, val, test, then any others ordinally.</summary>
internal static class SplitOrder
{
    public static IEnumerable<string> Sort(IEnumerable<string> splits) =>
        splits.OrderBy(Rank).ThenBy(s => s, StringComparer.Ordinal);

    private static int Rank(string split) => split switch
    {
        SplitNames.Train => 0,
        SplitNames.Validation => 1,
        SplitNames.Test => 2,
        _ => 3,
    };
}
