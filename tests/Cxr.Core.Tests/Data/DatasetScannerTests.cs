using System.Collections.Concurrent;
using Cxr.Core.Data;

namespace Cxr.Core.Tests.Data;

public sealed class DatasetScannerTests
{
    [Fact]
    public void Real_data_set_has_the_published_counts()
    {
        var scan = RealData.Scan;
        Assert.Equal(DatasetLayout.Kaggle, scan.Layout);
        int Count(string split, CxrLabel label) => scan.Records.Count(r => r.Split == split && r.Label == label);
        Assert.Equal(1341, Count("train", CxrLabel.Normal));
        Assert.Equal(3875, Count("train", CxrLabel.Pneumonia));
        Assert.Equal(8, Count("val", CxrLabel.Normal));
        Assert.Equal(8, Count("val", CxrLabel.Pneumonia));
        Assert.All(scan.Records, r =>
        {
            Assert.True(Path.IsPathFullyQualified(r.Path));
            Assert.Matches("^[0-9a-f]{64}$", r.Sha256);
        });
    }

    [Fact]
    public void Real_records_are_in_ordinal_order_of_relative_path()
    {
        var relative = RealData.Scan.Records.Select(RealData.Scan.RelativePath).ToList();
        Assert.Equal(relative.Order(StringComparer.Ordinal), relative);
        Assert.StartsWith("train/NORMAL/", relative[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Kaggle_layout_ignores_case_and_skips_non_images()
    {
        using var data = new TempDataset();
        data.Add("Train/normal/IM-0001-0001.jpeg");
        data.Add("Train/normal/IM-0002-0001.PNG");
        data.Add("Train/normal/notes.txt");
        data.Add("Train/normal/.DS_Store");
        data.Add("Train/normal/.hidden.jpeg");
        data.Add("Train/normal/nested/IM-0003-0001.jpeg");
        data.Add("Train/PNEUMONIA/person1_virus_1.JPG");
        data.Add("TEST/Pneumonia/person2_bacteria_5.webp");
        data.Add("README.md");
        data.Folder("val");

        var scan = DatasetScanner.Scan(data.Root);

        Assert.Equal(DatasetLayout.Kaggle, scan.Layout);
        Assert.Equal(
            ["TEST/Pneumonia/person2_bacteria_5.webp", "Train/PNEUMONIA/person1_virus_1.JPG", "Train/normal/IM-0001-0001.jpeg", "Train/normal/IM-0002-0001.PNG"],
            scan.Records.Select(scan.RelativePath));
        Assert.Equal(["test", "train", "train", "train"], scan.Records.Select(r => r.Split));
        Assert.Equal([CxrLabel.Pneumonia, CxrLabel.Pneumonia, CxrLabel.Normal, CxrLabel.Normal], scan.Records.Select(r => r.Label));
        Assert.Equal(["person2", "person1", "IM-0001", "IM-0002"], scan.Records.Select(r => r.Patient));
        Assert.Equal(["bacteria", "virus", "normal", "normal"], scan.Records.Select(r => r.Subtype));
        Assert.Equal(
            ["Train/normal/.DS_Store", "Train/normal/.hidden.jpeg", "Train/normal/nested/", "Train/normal/notes.txt"],
            scan.SkippedFiles);
    }

    [Fact]
    public void Flat_layout_has_no_split()
    {
        using var data = new TempDataset();
        data.Add("NORMAL/IM-0001-0001.jpeg");
        data.Add("PNEUMONIA/person1_virus_1.jpeg");
        data.Add("PNEUMONIA/person1_virus_2.jpeg");

        var scan = DatasetScanner.Scan(data.Root);

        Assert.Equal(DatasetLayout.Flat, scan.Layout);
        Assert.Equal(3, scan.Records.Count);
        Assert.All(scan.Records, r => Assert.Equal("", r.Split));
        Assert.Equal(2, scan.Records.Count(r => r.Label == CxrLabel.Pneumonia));
    }

    [Fact]
    public void Notebook_layout_with_ALL_suffix_is_flat()
    {
        using var data = new TempDataset();
        data.Add("NORMAL_ALL/IM-0001-0001.jpeg");
        data.Add("NORMAL_ALL/NORMAL2-IM-0002-0001.jpeg");
        data.Add("pneumonia_all/person9_bacteria_3.jpeg");

        var scan = DatasetScanner.Scan(data.Root);

        Assert.Equal(DatasetLayout.Flat, scan.Layout);
        Assert.Equal(["IM-0001", "NORMAL2-IM-0002", "person9"], scan.Records.Select(r => r.Patient));
        Assert.Equal([CxrLabel.Normal, CxrLabel.Normal, CxrLabel.Pneumonia], scan.Records.Select(r => r.Label));
    }

    [Fact]
    public void Identical_bytes_give_identical_hashes()
    {
        using var data = new TempDataset();
        data.Add("NORMAL/a.jpeg", "abc");
        data.Add("NORMAL/b.jpeg", "abc");
        data.Add("PNEUMONIA/c.jpeg", "abd");

        var scan = DatasetScanner.Scan(data.Root);

        const string Abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        Assert.Equal([Abc, Abc], scan.Records.Take(2).Select(r => r.Sha256));
        Assert.NotEqual(Abc, scan.Records[2].Sha256);
        Assert.Equal(Abc, Manifest.Sha256OfFile(scan.Records[0].Path));
    }

    [Fact]
    public void Hashes_can_be_skipped()
    {
        using var data = new TempDataset();
        data.Add("NORMAL/a.jpeg");
        var scan = DatasetScanner.Scan(data.Root, computeHashes: false);
        Assert.Equal("", Assert.Single(scan.Records).Sha256);
    }

    [Fact]
    public void Progress_counts_up_to_the_number_of_images()
    {
        using var data = new TempDataset();
        for (var i = 0; i < 20; i++)
        {
            data.Add($"NORMAL/IM-{i:0000}-0001.jpeg");
        }

        var counts = new ConcurrentBag<int>();
        DatasetScanner.Scan(data.Root, progress: new SyncProgress<int>(counts.Add));
        Assert.Equal(Enumerable.Range(1, 20), counts.Order());

        var totals = new ConcurrentBag<ScanProgress>();
        DatasetScanner.Scan(data.Root, new SyncProgress<ScanProgress>(totals.Add));
        Assert.Equal(20, totals.Max(p => p.Done));
        Assert.All(totals, p => Assert.Equal(20, p.Total));
    }

    [Fact]
    public void Missing_root_is_named()
    {
        var missing = Path.Combine(Path.GetTempPath(), "cxr-no-such-folder-" + Guid.NewGuid().ToString("N"));
        var ex = Assert.Throws<DatasetException>(() => DatasetScanner.Scan(missing));
        Assert.Equal($"Data set folder not found: {missing}", ex.Message);
    }

    [Fact]
    public void Root_that_is_a_file_is_rejected()
    {
        using var data = new TempDataset();
        var file = data.Add("x.jpeg");
        var ex = Assert.Throws<DatasetException>(() => DatasetScanner.Scan(file));
        Assert.Contains("is a file", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Folder_without_class_folders_lists_the_accepted_layouts()
    {
        using var data = new TempDataset();
        data.Add("images/IM-0001-0001.jpeg");
        var ex = Assert.Throws<DatasetException>(() => DatasetScanner.Scan(data.Root));
        Assert.Contains("No NORMAL/PNEUMONIA class folders found", ex.Message, StringComparison.Ordinal);
        Assert.Contains("NORMAL_ALL/ + PNEUMONIA_ALL/", ex.Message, StringComparison.Ordinal);
        Assert.Contains("{train,val,test}/{NORMAL,PNEUMONIA}/", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Class_folders_without_images_are_an_empty_data_set()
    {
        using var data = new TempDataset();
        data.Add("NORMAL/readme.txt");
        data.Folder("PNEUMONIA");
        var ex = Assert.Throws<DatasetException>(() => DatasetScanner.Scan(data.Root));
        Assert.Contains("No images found", ex.Message, StringComparison.Ordinal);
        Assert.Contains("1 other entries skipped", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_folders_for_one_class_are_ambiguous()
    {
        using var data = new TempDataset();
        data.Add("NORMAL/a.jpeg");
        data.Add("NORMAL_ALL/b.jpeg");
        var ex = Assert.Throws<DatasetException>(() => DatasetScanner.Scan(data.Root));
        Assert.Contains("more than one NORMAL folder", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_folders_beside_class_folders_are_ambiguous()
    {
        using var data = new TempDataset();
        data.Add("train/NORMAL/a.jpeg");
        data.Add("PNEUMONIA/b.jpeg");
        var ex = Assert.Throws<DatasetException>(() => DatasetScanner.Scan(data.Root));
        Assert.Contains("both split folders", ex.Message, StringComparison.Ordinal);
    }
}
