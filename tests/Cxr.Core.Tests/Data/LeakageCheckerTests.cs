using Cxr.Core.Data;

namespace Cxr.Core.Tests.Data;

public sealed class LeakageCheckerTests
{
    [Fact]
    public void Clean_split_passes()
    {
        var split = new PatientGroupedSplitter(SplitRatios.Default).Split(RealData.Train);
        Assert.Empty(LeakageChecker.Find(split));
        LeakageChecker.EnsureNone(split);
    }

    [Fact]
    public void Official_train_and_val_folders_do_not_share_patients_or_images()
    {
        Assert.Empty(LeakageChecker.Find(RealData.Scan.Records));
    }

    [Fact]
    public void Planted_patient_leak_is_caught_and_named()
    {
        var split = new PatientGroupedSplitter(SplitRatios.Default).Split(RealData.Train).ToList();
        // person1481 has several images; moving one of them to another split plants the leak.
        var index = split.FindIndex(r => r.Patient == "person1481");
        var moved = split[index].Split == "val" ? "test" : "val";
        split[index] = split[index] with { Split = moved };

        var leaks = LeakageChecker.Find(split);

        var patientLeak = Assert.Single(leaks, l => l.Kind == "patient");
        Assert.Equal("person1481", patientLeak.Key);
        Assert.Contains(moved, patientLeak.Splits);
        var ex = Assert.Throws<DataLeakageException>(() => LeakageChecker.EnsureNone(split));
        Assert.Contains("patient person1481", ex.Message, StringComparison.Ordinal);
        Assert.Contains(Path.GetFileName(split[index].Path), ex.Message, StringComparison.Ordinal);
        Assert.Contains(ex.Leaks, l => l.Kind == "patient" && l.Key == "person1481");
    }

    [Fact]
    public void Planted_hash_leak_is_caught_and_named()
    {
        const string Hash = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        var records = new[]
        {
            new ImageRecord("/d/train/NORMAL/IM-0001-0001.jpeg", CxrLabel.Normal, "normal", "IM-0001", Hash, "train"),
            new ImageRecord("/d/test/NORMAL/IM-0002-0001.jpeg", CxrLabel.Normal, "normal", "IM-0002", Hash, "test"),
            new ImageRecord("/d/val/NORMAL/IM-0003-0001.jpeg", CxrLabel.Normal, "normal", "IM-0003", "", "val"),
        };

        var leak = Assert.Single(LeakageChecker.Find(records));
        Assert.Equal("duplicate", leak.Kind);
        Assert.Equal(Hash, leak.Key);
        Assert.Equal(["train", "test"], leak.Splits);
        Assert.Equal([records[1].Path, records[0].Path], leak.Files);

        var ex = Assert.Throws<DataLeakageException>(() => LeakageChecker.EnsureNone(records));
        Assert.Equal(
            "Data leakage between splits: 0 patient(s) and 1 duplicate image(s) appear in more than one split: " +
            "duplicate ba7816bf8f01 in train+test (IM-0002-0001.jpeg, IM-0001-0001.jpeg).",
            ex.Message);
    }

    [Fact]
    public void Long_leak_lists_are_cut_in_the_message_but_kept_in_full()
    {
        var records = Enumerable.Range(0, 30)
            .SelectMany(i => new[] { "train", "val" }.Select(s => new ImageRecord($"/d/{s}/p{i}.jpeg", CxrLabel.Normal, "normal", $"p{i:00}", "", s)))
            .ToList();
        var ex = Assert.Throws<DataLeakageException>(() => LeakageChecker.EnsureNone(records));
        Assert.Equal(30, ex.Leaks.Count);
        Assert.EndsWith("; and 20 more.", ex.Message, StringComparison.Ordinal);
        Assert.Equal("p00", ex.Leaks[0].Key);
    }
}
