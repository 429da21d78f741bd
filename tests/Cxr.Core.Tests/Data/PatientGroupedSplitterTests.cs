using Cxr.Core.Data;

namespace Cxr.Core.Tests.Data;

public sealed class PatientGroupedSplitterTests
{
    [Fact]
    public void Real_train_split_is_patient_disjoint_duplicate_closed_and_stratified()
    {
        var train = RealData.Train;
        var split = new PatientGroupedSplitter(SplitRatios.Default, seed: 42).Split(train);

        Assert.Equal(train.Select(r => r.Path), split.Select(r => r.Path));
        Assert.Empty(LeakageChecker.Find(split));
        Assert.All(
            split.GroupBy(r => r.Patient),
            g => Assert.Single(g.Select(r => r.Split).Distinct()));
        var duplicateGroups = DuplicateFinder.FindGroups(split);
        Assert.Equal(24, duplicateGroups.Count);
        Assert.All(duplicateGroups, g => Assert.Single(g.Select(r => r.Split).Distinct()));

        var whole = Fraction(split);
        foreach (var (name, share) in new[] { ("train", 0.8), ("val", 0.1), ("test", 0.1) })
        {
            var part = split.Where(r => r.Split == name).ToList();
            Assert.InRange(Fraction(part), whole - 0.01, whole + 0.01);
            Assert.InRange((double)part.Count / split.Count, share - 0.01, share + 0.01);
        }
    }

    [Fact]
    public void Same_seed_same_split_and_different_seed_different_split()
    {
        var train = RealData.Train;
        var a = new PatientGroupedSplitter(SplitRatios.Default, 42).Split(train);
        var b = new PatientGroupedSplitter(SplitRatios.Default, 42).Split(train);
        var c = new PatientGroupedSplitter(SplitRatios.Default, 43).Split(train);
        Assert.Equal(a, b);
        Assert.NotEqual(a.Select(r => r.Split), c.Select(r => r.Split));
    }

    [Fact]
    public void Result_does_not_depend_on_input_order()
    {
        var train = RealData.Train;
        var reversed = train.Reverse().ToList();
        var a = new PatientGroupedSplitter(SplitRatios.Default, 5).Split(train);
        var b = new PatientGroupedSplitter(SplitRatios.Default, 5).Split(reversed);
        Assert.Equal(a.OrderBy(r => r.Path, StringComparer.Ordinal), b.OrderBy(r => r.Path, StringComparer.Ordinal));
    }

    [Fact]
    public void A_zero_part_gets_no_images()
    {
        var split = new PatientGroupedSplitter(new SplitRatios(90, 10, 0), 1).Split(RealData.Train);
        Assert.DoesNotContain(split, r => r.Split == "test");
        Assert.InRange(split.Count(r => r.Split == "val") / (double)split.Count, 0.09, 0.11);
        Assert.Empty(LeakageChecker.Find(split));
    }

    [Fact]
    public void A_duplicate_shared_by_two_patients_joins_them_in_one_split()
    {
        // p1 and p2 share an image; p2 and p3 share another: all three must land together, for every seed.
        var records = new List<ImageRecord>
        {
            Rec("p1/a", "p1", "h1"), Rec("p1/b", "p1", "h2"),
            Rec("p2/a", "p2", "h2"), Rec("p2/b", "p2", "h3"),
            Rec("p3/a", "p3", "h3"),
        };
        for (var i = 0; i < 40; i++)
        {
            records.Add(Rec($"q{i}/a", $"q{i}", $"u{i}"));
        }

        for (var seed = 0; seed < 20; seed++)
        {
            var split = new PatientGroupedSplitter(new SplitRatios(34, 33, 33), seed).Split(records);
            Assert.Single(split.Take(5).Select(r => r.Split).Distinct());
            Assert.Empty(LeakageChecker.Find(split));
        }
    }

    [Fact]
    public void Previous_split_values_are_replaced()
    {
        var records = Enumerable.Range(0, 30).Select(i => Rec($"x{i}", $"p{i}", "") with { Split = "weird" }).ToList();
        var split = new PatientGroupedSplitter(SplitRatios.Default).Split(records);
        Assert.All(split, r => Assert.Contains(r.Split, SplitNames.All));
        Assert.Equal(24, split.Count(r => r.Split == "train"));
    }

    private static ImageRecord Rec(string path, string patient, string hash) =>
        new("/d/" + path + ".jpeg", CxrLabel.Pneumonia, "virus", patient, hash, "");

    private static double Fraction(IReadOnlyCollection<ImageRecord> records) =>
        (double)records.Count(r => r.Label == CxrLabel.Pneumonia) / records.Count;
}
