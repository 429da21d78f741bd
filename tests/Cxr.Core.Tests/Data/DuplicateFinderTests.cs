using Cxr.Core.Data;

namespace Cxr.Core.Tests.Data;

public sealed class DuplicateFinderTests
{
    [Fact]
    public void Groups_records_with_the_same_hash_only()
    {
        ImageRecord R(string path, string hash) => new(path, CxrLabel.Normal, "normal", path, hash, "");
        var groups = DuplicateFinder.FindGroups(
        [
            R("/d/c", "h1"), R("/d/a", "h1"), R("/d/b", "h2"), R("/d/e", ""), R("/d/f", ""), R("/d/g", "h3"), R("/d/0", "H3"),
        ]);

        Assert.Equal(2, groups.Count);
        Assert.Equal(["/d/0", "/d/g"], groups[0].Select(r => r.Path));
        Assert.Equal(["/d/a", "/d/c"], groups[1].Select(r => r.Path));
    }

    [Fact]
    public void Real_data_has_24_groups_each_within_one_patient()
    {
        var groups = DuplicateFinder.FindGroups(RealData.Scan.Records);
        Assert.Equal(24, groups.Count);
        Assert.Equal(50, groups.Sum(g => g.Count));
        Assert.All(groups, g => Assert.Single(g.Select(r => r.Patient).Distinct()));
    }
}
