using Cxr.Core.Data;
using Cxr.Testing;

namespace Cxr.Core.Tests.Data;

/// <summary>One hashed scan of the shared data set (CXR_DATA), reused by every test that needs it.</summary>
internal static class RealData
{
    private static readonly Lazy<DatasetScan> LazyScan = new(() => DatasetScanner.Scan(TestData.DataRoot));

    public static DatasetScan Scan => LazyScan.Value;

    public static IReadOnlyList<ImageRecord> Train => Scan.Records.Where(r => r.Split == "train").ToList();
}
