namespace Cxr.Core.Data;

/// <summary>Split names in reading order: train, val, test, then any others ordinally.</summary>
internal static class SplitOrder
{
    public static IEnumerable<string> Sort(IEnumerable<string> splits) =>
        splits.OrderBy(Rank).ThenBy(s => s, StringComparer.Ordinal);

    private static int Rank(string split) => split switch
    {
        "train" => 0,
        "val" => 1,
        "test" => 2,
        _ => 3,
    };
}
