using Cxr.Core.Data;
using Cxr.Testing;

namespace Cxr.Cli.Tests.Commands;

[Collection(ConsoleCollection.Name)]
public sealed class DataSplitCommandTests
{
    [Fact]
    public async Task Splits_the_official_train_folder_reproducibly()
    {
        using var output = new TempFolder();
        var first = await CliRun.RunAsync("data", "split", TestData.DataRoot, "--out", output.Path("a.csv"), "--from-split", "train");
        var again = await CliRun.RunAsync("data", "split", TestData.DataRoot, "--out", output.Path("b.csv"), "--from-split", "train", "--seed", "42");
        var other = await CliRun.RunAsync("data", "split", TestData.DataRoot, "--out", output.Path("c.csv"), "--from-split", "train", "--seed", "1");

        Assert.Equal([0, 0, 0], new[] { first.ExitCode, again.ExitCode, other.ExitCode });
        Assert.Equal(File.ReadAllBytes(output.Path("a.csv")), File.ReadAllBytes(output.Path("b.csv")));
        Assert.NotEqual(File.ReadAllBytes(output.Path("a.csv")), File.ReadAllBytes(output.Path("c.csv")));

        var records = Manifest.Read(output.Path("a.csv"));
        Assert.Equal(5216, records.Count);
        Assert.All(records, r => Assert.True(File.Exists(r.Path)));
        Assert.Empty(LeakageChecker.Find(records));
        var whole = records.Count(r => r.Label == CxrLabel.Pneumonia) / (double)records.Count;
        foreach (var split in new[] { "train", "val", "test" })
        {
            var part = records.Where(r => r.Split == split).ToList();
            Assert.InRange(part.Count(r => r.Label == CxrLabel.Pneumonia) / (double)part.Count, whole - 0.01, whole + 0.01);
        }

        Assert.Contains("(train only): 5216 images, ratios 80/10/10, seed 42", first.Out, StringComparison.Ordinal);
        Assert.Contains("leakage check: passed", first.Out, StringComparison.Ordinal);
        Assert.Contains("(5216 rows)", first.Out, StringComparison.Ordinal);
        var valRow = Assert.Single(first.Out.Split('\n'), l => l.Contains("│ val ", StringComparison.Ordinal));
        Assert.Equal("74.3", valRow.Split('│', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[5]);
    }

    [Fact]
    public async Task Flat_folder_with_a_zero_part_writes_two_splits()
    {
        using var data = new TempFolder();
        for (var i = 0; i < 20; i++)
        {
            data.Add($"NORMAL/IM-{i:0000}-0001.jpeg");
            data.Add($"PNEUMONIA/person{i}_virus_{i}.jpeg");
        }

        var run = await CliRun.RunAsync("data", "split", data.Root, "-o", data.Path("out/manifest.csv"), "--ratios", "90,10,0");

        Assert.Equal(0, run.ExitCode);
        var records = Manifest.Read(data.Path("out/manifest.csv"));
        Assert.Equal(40, records.Count);
        Assert.Equal(36, records.Count(r => r.Split == "train"));
        Assert.Equal(4, records.Count(r => r.Split == "val"));
        Assert.StartsWith("../NORMAL/", File.ReadAllLines(data.Path("out/manifest.csv"))[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("80,10")]
    [InlineData("70,20,20")]
    [InlineData("80,-10,30")]
    [InlineData("x,y,z")]
    public async Task Bad_ratios_are_one_error_line(string ratios)
    {
        using var output = new TempFolder();
        var run = await CliRun.RunAsync("data", "split", TestData.DataRoot, "--out", output.Path("m.csv"), "--ratios", ratios);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            $"error: --ratios must be three non-negative numbers that sum to 100, e.g. 80,10,10 (got '{ratios}').\n",
            run.Error);
        Assert.False(File.Exists(output.Path("m.csv")));
    }

    [Fact]
    public async Task Unknown_from_split_is_one_error_line()
    {
        using var output = new TempFolder();
        var run = await CliRun.RunAsync("data", "split", TestData.DataRoot, "--out", output.Path("m.csv"), "--from-split", "holdout");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: --from-split must be one of train, val, test (got 'holdout').\n", run.Error);
    }

    [Fact]
    public async Task From_split_that_has_no_folder_names_the_ones_present()
    {
        using var output = new TempFolder();
        var run = await CliRun.RunAsync("data", "split", TestData.DataRoot, "--out", output.Path("m.csv"), "--from-split", "test");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            $"error: {TestData.DataRoot} has no images in a 'test' folder (split folders with images: train, val).\n",
            run.Error);
    }

    [Fact]
    public async Task From_split_on_a_flat_layout_is_refused()
    {
        using var data = new TempFolder();
        data.Add("NORMAL/IM-0001-0001.jpeg");
        var run = await CliRun.RunAsync("data", "split", data.Root, "--out", data.Path("m.csv"), "--from-split", "train");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--from-split needs split folders", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_class_folders_are_one_error_line()
    {
        using var data = new TempFolder();
        Directory.CreateDirectory(data.Path("NORMAL"));
        Directory.CreateDirectory(data.Path("PNEUMONIA"));
        var run = await CliRun.RunAsync("data", "split", data.Root, "--out", data.Path("m.csv"));

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"error: No images found in the class folders under {data.Root}", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_out_is_a_usage_error()
    {
        var run = await CliRun.RunAsync("data", "split", TestData.DataRoot);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--out", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Out_that_is_a_folder_is_refused()
    {
        using var data = new TempFolder();
        var run = await CliRun.RunAsync("data", "split", TestData.DataRoot, "--out", data.Root);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("is a folder; give a file name", run.Error, StringComparison.Ordinal);
    }
}
