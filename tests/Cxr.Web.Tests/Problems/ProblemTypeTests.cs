using Cxr.Testing;
using Cxr.Web.Problems;

namespace Cxr.Web.Tests.Problems;

public sealed class ProblemTypeTests
{
    [Fact]
    public void Type_uris_are_unique_and_under_the_cxr_base()
    {
        Assert.Equal(ProblemTypes.All.Count, ProblemTypes.All.Select(p => p.Type).Distinct(StringComparer.Ordinal).Count());
        Assert.All(ProblemTypes.All, p => Assert.Matches("^https://cxr\\.dev/problems/[a-z]+(-[a-z]+)*$", p.Type));
    }

    [Fact]
    public void Every_problem_type_is_documented_with_its_status()
    {
        var doc = File.ReadAllText(Path.Combine(TestData.RepoRoot, "docs", "web.md"));
        Assert.All(ProblemTypes.All, p => Assert.Contains($"| {p.Status} | `{p.Type}` |", doc, StringComparison.Ordinal));
    }
}
