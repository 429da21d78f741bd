namespace Cxr.Core.Data;

/// <summary>The split names: the Kaggle release's folder names, the manifests' <c>split</c> column and the
/// <c>--split</c> / <c>--from-split</c> options.</summary>
public static class SplitNames
{
    /// <summary>The training split.</summary>
    public const string Train = "train";

    /// <summary>The validation split (threshold, calibration and early stopping).</summary>
    public const string Validation = "val";

    /// <summary>The held-out test split.</summary>
    public const string Test = "test";

    /// <summary>Every split, in reading order.</summary>
    public static IReadOnlyList<string> All { get; } = [Train, Validation, Test];
}
