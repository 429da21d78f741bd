using Cxr.Core.Data;

namespace Cxr.Core.Tests.Data;

public sealed class PatientGroupedFoldsTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    public void Real_train_folds_hold_every_image_once_keep_patients_and_duplicates_together_and_balance_the_classes(int k)
    {
        var train = RealData.Train;
        var folds = new PatientGroupedFolds(k, seed: 42).Assign(train);

        Assert.Equal(train.Count, folds.Count);
        Assert.All(folds, f => Assert.InRange(f, 0, k - 1));
        Assert.All(Enumerable.Range(0, train.Count).GroupBy(i => train[i].Patient), g => Assert.Single(g.Select(i => folds[i]).Distinct()));
        Assert.All(DuplicateFinder.FindGroups(train), g => Assert.Single(g.Select(r => folds[IndexOf(train, r)]).Distinct()));
        foreach (var label in new[] { CxrLabel.Normal, CxrLabel.Pneumonia })
        {
            var ofLabel = Enumerable.Range(0, train.Count).Where(i => train[i].Label == label).ToList();
            for (var fold = 0; fold < k; fold++)
            {
                var share = (double)ofLabel.Count(i => folds[i] == fold) / ofLabel.Count;
                Assert.InRange(share, (1.0 / k) - 0.01, (1.0 / k) + 0.01);
            }
        }

        // Read as splits (fold f held out, the rest trained on), no fold leaks into the others.
        for (var fold = 0; fold < k; fold++)
        {
            var asSplit = train.Select((r, i) => r with { Split = folds[i] == fold ? SplitNames.Validation : SplitNames.Train }).ToList();
            Assert.Empty(LeakageChecker.Find(asSplit));
        }
    }

    [Fact]
    public void Same_seed_same_folds_different_seed_different_folds_and_input_order_does_not_matter()
    {
        var train = RealData.Train;
        var a = new PatientGroupedFolds(3, 7).Assign(train);
        var b = new PatientGroupedFolds(3, 7).Assign(train);
        var c = new PatientGroupedFolds(3, 8).Assign(train);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);

        var reversed = train.Reverse().ToList();
        var d = new PatientGroupedFolds(3, 7).Assign(reversed);
        var byPath = reversed.Select((r, i) => (r.Path, Fold: d[i])).ToDictionary(x => x.Path, x => x.Fold, StringComparer.Ordinal);
        Assert.Equal(a, train.Select(r => byPath[r.Path]));
    }

    [Fact]
    public void A_duplicate_shared_by_two_patients_joins_them_in_one_fold()
    {
        var records = new List<ImageRecord>
        {
            Rec("p1/a", "p1", "h1", CxrLabel.Pneumonia), Rec("p1/b", "p1", "h2", CxrLabel.Pneumonia),
            Rec("p2/a", "p2", "h2", CxrLabel.Pneumonia), Rec("p3/a", "p3", "h2", CxrLabel.Normal),
        };
        for (var i = 0; i < 30; i++)
        {
            records.Add(Rec($"q{i}/a", $"q{i}", $"u{i}", i % 2 == 0 ? CxrLabel.Normal : CxrLabel.Pneumonia));
        }

        for (var seed = 0; seed < 10; seed++)
        {
            var folds = new PatientGroupedFolds(3, seed).Assign(records);
            Assert.Single(folds.Take(4).Distinct());
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(PatientGroupedFolds.MaxFolds + 1)]
    public void K_outside_2_to_the_maximum_is_refused(int k)
    {
        var error = Assert.Throws<DatasetException>(() => new PatientGroupedFolds(k));
        Assert.Contains($"got {k}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_few_patients_of_a_class_for_k_folds_is_refused_with_the_counts()
    {
        var records = new List<ImageRecord> { Rec("n1", "n1", "", CxrLabel.Normal), Rec("n2", "n2", "", CxrLabel.Normal) };
        records.AddRange(Enumerable.Range(0, 9).Select(i => Rec($"p{i}", $"p{i}", "", CxrLabel.Pneumonia)));

        var error = Assert.Throws<DatasetException>(() => new PatientGroupedFolds(3).Assign(records));

        Assert.Contains("need at least 3 patients of each class", error.Message, StringComparison.Ordinal);
        Assert.Contains("0 NORMAL", error.Message, StringComparison.Ordinal);
    }

    private static int IndexOf(IReadOnlyList<ImageRecord> records, ImageRecord record)
    {
        for (var i = 0; i < records.Count; i++)
        {
            if (ReferenceEquals(records[i], record) || records[i].Path == record.Path)
            {
                return i;
            }
        }

        throw new InvalidOperationException(record.Path);
    }

    private static ImageRecord Rec(string path, string patient, string hash, CxrLabel label) =>
        new("/d/" + path + ".jpeg", label, label == CxrLabel.Normal ? "normal" : "virus", patient, hash, "");
}
