using System.Text.Json;
using Cxr.Testing;

namespace Cxr.Cli.Tests.Commands;

[Collection(ConsoleCollection.Name)]
public sealed class DataInspectCommandTests
{
    [Fact]
    public async Task Json_on_the_real_data_has_the_published_numbers()
    {
        var run = await CliRun.RunAsync("data", "inspect", TestData.DataRoot, "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.Equal(TestData.DataRoot, root.GetProperty("root").GetString());
        Assert.Equal("kaggle", root.GetProperty("layout").GetString());
        var splits = root.GetProperty("splits");
        Assert.Equal(1341, splits.GetProperty("train").GetProperty("NORMAL").GetInt32());
        Assert.Equal(3875, splits.GetProperty("train").GetProperty("PNEUMONIA").GetInt32());
        Assert.Equal(8, splits.GetProperty("val").GetProperty("NORMAL").GetInt32());
        Assert.Equal(8, splits.GetProperty("val").GetProperty("PNEUMONIA").GetInt32());
        Assert.Equal(2530, root.GetProperty("subtypes").GetProperty("train").GetProperty("bacteria").GetInt32());
        Assert.Equal(1345, root.GetProperty("subtypes").GetProperty("train").GetProperty("virus").GetInt32());
        Assert.Equal(2846, root.GetProperty("patients").GetProperty("train").GetInt32());
        Assert.Equal(24, root.GetProperty("duplicateGroups").GetInt32());
        Assert.Equal(0, root.GetProperty("skipped").GetInt32());
        Assert.Equal(0, root.GetProperty("leaks").GetArrayLength());
    }

    [Fact]
    public async Task Table_on_the_real_data_shows_counts_duplicates_and_leakage()
    {
        var run = await CliRun.RunAsync("data", "inspect", TestData.DataRoot);

        Assert.Equal(0, run.ExitCode);
        var train = Assert.Single(run.Out.Split('\n'), l => l.Contains("│ train", StringComparison.Ordinal));
        Assert.Equal(
            ["train", "1341", "3875", "5216", "74.3", "2530", "1345", "2846", "30", "1.83"],
            train.Split('│', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("duplicate groups: 24 (byte-identical; 50 images, 0 group(s) spanning more than one patient)", run.Out, StringComparison.Ordinal);
        Assert.Contains("skipped files: 0", run.Out, StringComparison.Ordinal);
        Assert.Contains("leakage between splits: none", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Flat_layout_with_leftovers_is_reported_as_all()
    {
        using var data = new TempFolder();
        data.Add("NORMAL_ALL/IM-0001-0001.jpeg");
        data.Add("PNEUMONIA_ALL/person1_virus_1.jpeg");
        data.Add("PNEUMONIA_ALL/Thumbs.db");

        var run = await CliRun.RunAsync("data", "inspect", data.Root, "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal("flat", json.RootElement.GetProperty("layout").GetString());
        Assert.Equal(1, json.RootElement.GetProperty("splits").GetProperty("all").GetProperty("PNEUMONIA").GetInt32());
        Assert.Equal(1, json.RootElement.GetProperty("skipped").GetInt32());
    }

    [Fact]
    public async Task Existing_leak_between_splits_is_listed()
    {
        using var data = new TempFolder();
        data.Add("train/PNEUMONIA/person7_virus_1.jpeg");
        data.Add("test/PNEUMONIA/person7_virus_2.jpeg");

        var run = await CliRun.RunAsync("data", "inspect", data.Root);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("leakage between splits: 1", run.Out, StringComparison.Ordinal);
        Assert.Contains("person7", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_root_is_one_error_line()
    {
        var missing = Path.Combine(Path.GetTempPath(), "cxr-missing-" + Guid.NewGuid().ToString("N"));
        var run = await CliRun.RunAsync("data", "inspect", missing);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: Data set folder not found: {missing}\n", run.Error);
    }

    [Fact]
    public async Task Folder_without_class_folders_is_one_error_line()
    {
        using var data = new TempFolder();
        var run = await CliRun.RunAsync("data", "inspect", data.Root);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith(
            $"error: No NORMAL/PNEUMONIA class folders found under {data.Root}. Accepted layouts: {{train,val,test}}/{{NORMAL,PNEUMONIA}}/",
            run.Error,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_documents_the_json_shape()
    {
        var run = await CliRun.RunAsync("data", "inspect", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("imagesPerPatientMax", run.Out, StringComparison.Ordinal);
        Assert.Contains("NORMAL_ALL", run.Out, StringComparison.Ordinal);
    }
}
