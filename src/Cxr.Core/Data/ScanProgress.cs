namespace Cxr.Core.Data;

/// <summary>How far a scan has got: <paramref name="Done"/> of <paramref name="Total"/> image files processed (0 ≤ Done ≤ Total).</summary>
public readonly record struct ScanProgress(int Done, int Total);
