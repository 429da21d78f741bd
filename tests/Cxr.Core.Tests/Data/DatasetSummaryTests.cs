using System.Text.Json;
using Cxr.Core.Data;

namespace Cxr.Core.Tests.Data;

public sealed class DatasetSummaryTests
{
    [Fact]
    public void Real_data_json_has_the_published_numbers()
    {
        using var json = JsonDocument.Parse(DatasetSummary.From(RealData.Scan).ToJson());
        var root = json.RootElement;

        Assert.Equal("kaggle", root.GetProperty("layout").GetString());
        Assert.Equal(1341, root.GetProperty("splits").GetProperty("train").GetProperty("NORMAL").GetInt32());
        Assert.Equal(3875, root.GetProperty("splits").GetProperty("train").GetProperty("PNEUMONIA").GetInt32());
        Assert.Equal(8, root.GetProperty("splits").GetProperty("val").GetProperty("NORMAL").GetInt32());
        Assert.Equal(8, root.GetProperty("splits").GetProperty("val").GetProperty("PNEUMONIA").GetInt32());
        Assert.Equal(2530, root.GetProperty("subtypes").GetProperty("train").GetProperty("bacteria").GetInt32());
        Assert.Equal(1345, root.GetProperty("subtypes").GetProperty("train").GetProperty("virus").GetInt32());
        Assert.Equal(1341, root.GetProperty("subtypes").GetProperty("train").GetProperty("normal").GetInt32());
        Assert.Equal(2846, root.GetProperty("patients").GetProperty("train").GetInt32());
        Assert.Equal(15, root.GetProperty("patients").GetProperty("val").GetInt32());
        Assert.Equal(30, root.GetProperty("patients").GetProperty("imagesPerPatientMax").GetInt32());
        Assert.Equal(24, root.GetProperty("duplicateGroups").GetInt32());
        Assert.Equal(24, root.GetProperty("duplicates").GetArrayLength());
        Assert.Equal(0, root.GetProperty("skipped").GetInt32());
        Assert.Equal(0, root.GetProperty("leaks").GetArrayLength());
        Assert.Equal(
            "train/NORMAL/NORMAL2-IM-0587-0001-0001.jpeg",
            root.GetProperty("duplicates")[0][0].GetString());
    }

    [Fact]
    public void Flat_layout_is_reported_as_split_all_with_relative_leak_files()
    {
        using var data = new TempDataset();
        data.Add("NORMAL/IM-0001-0001.jpeg", "same");
        data.Add("NORMAL/IM-0001-0002.jpeg", "same");
        data.Add("PNEUMONIA/person1_virus_1.jpeg");
        data.Add("PNEUMONIA/person1_bacteria_2.jpeg");
        data.Add("PNEUMONIA/notes.txt");

        var summary = DatasetSummary.From(DatasetScanner.Scan(data.Root));
        using var json = JsonDocument.Parse(summary.ToJson());
        var root = json.RootElement;

        Assert.Equal("flat", root.GetProperty("layout").GetString());
        Assert.Equal(2, root.GetProperty("splits").GetProperty("all").GetProperty("NORMAL").GetInt32());
        Assert.Equal(1, root.GetProperty("subtypes").GetProperty("all").GetProperty("virus").GetInt32());
        Assert.Equal(2, root.GetProperty("patients").GetProperty("all").GetInt32());
        Assert.Equal(2.0, root.GetProperty("patients").GetProperty("imagesPerPatientMean").GetDouble());
        Assert.Equal(1, root.GetProperty("duplicateGroups").GetInt32());
        Assert.Equal(1, root.GetProperty("skipped").GetInt32());
        Assert.Equal("PNEUMONIA/notes.txt", root.GetProperty("skippedFiles")[0].GetString());
    }

    [Fact]
    public void Leaks_between_existing_splits_are_listed_with_relative_paths()
    {
        using var data = new TempDataset();
        data.Add("train/NORMAL/IM-0001-0001.jpeg");
        data.Add("val/NORMAL/IM-0001-0002.jpeg");
        data.Add("test/PNEUMONIA/person1_virus_1.jpeg");

        var summary = DatasetSummary.From(DatasetScanner.Scan(data.Root));

        var leak = Assert.Single(summary.Leaks);
        Assert.Equal("patient", leak.Kind);
        Assert.Equal(["train", "val"], leak.Splits);
        Assert.Equal(["train/NORMAL/IM-0001-0001.jpeg", "val/NORMAL/IM-0001-0002.jpeg"], leak.Files);
        Assert.Equal(["train", "val", "test"], summary.Splits.Select(s => s.Name));
    }
}
