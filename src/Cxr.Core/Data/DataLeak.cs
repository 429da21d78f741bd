namespace Cxr.Core.Data;

/// <summary>One patient or one image content found in more than one split.</summary>
/// <param name="Kind"><c>"patient"</c> (same patient key) or <c>"duplicate"</c> (byte-identical files).</param>
/// <param name="Key">The patient key, or the SHA-256 of the duplicated content.</param>
/// <param name="Splits">The splits involved, in train, val, test order (then others ordinally; flat data is <c>""</c>).</param>
/// <param name="Files">Paths of the records involved, ordinal order.</param>
public sealed record DataLeak(string Kind, string Key, IReadOnlyList<string> Splits, IReadOnlyList<string> Files);
