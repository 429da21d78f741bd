using Cxr.Cli.Predictions;
using Cxr.Cli.Tests.Commands;

namespace Cxr.Cli.Tests.Predictions;

public sealed class InputPathExpanderTests
{
    [Fact]
    public void Folders_are_searched_recursively_for_images_only_and_hidden_entries_are_skipped()
    {
        using var folder = new TempFolder();
        folder.Add("b.PNG");
        folder.Add("a.jpeg");
        folder.Add("sub/deeper/c.webp");
        folder.Add("notes.txt");
        folder.Add(".hidden.jpeg");
        folder.Add(".cache/d.jpeg");

        var entries = InputPathExpander.Expand([folder.Root]);

        Assert.Equal(["a.jpeg", "b.PNG", "sub/deeper/c.webp"], entries.Select(e => Path.GetRelativePath(folder.Root, e.Path)));
        Assert.All(entries, e => Assert.Null(e.Problem));
    }

    [Fact]
    public void Files_are_taken_as_given_in_argument_order_without_duplicates()
    {
        using var folder = new TempFolder();
        var text = folder.Add("notes.txt");
        var image = folder.Add("x/a.jpeg");

        var entries = InputPathExpander.Expand([text, folder.Path("x"), image, folder.Path("nothing-here.png")]);

        Assert.Equal([text, image, folder.Path("nothing-here.png")], entries.Select(e => e.Path));
        Assert.Equal([null, null, "no such file or folder"], entries.Select(e => e.Problem));
    }

    [Theory]
    [InlineData("*.jpeg", new[] { "a.jpeg" })]
    [InlineData("**/*.jpeg", new[] { "a.jpeg", "sub/b.jpeg", "sub/deep/c.jpeg" })]
    [InlineData("sub/*", new[] { "sub/b.jpeg", "sub/d.png" })]
    [InlineData("sub/**", new[] { "sub/b.jpeg", "sub/d.png", "sub/deep/c.jpeg" })]
    [InlineData("sub/?.png", new[] { "sub/d.png" })]
    [InlineData("**/[ab].jpeg", new[] { "a.jpeg", "sub/b.jpeg" })]
    [InlineData("**/[!ab].jpeg", new[] { "sub/deep/c.jpeg" })]
    public void Globs_match_images_by_relative_path(string pattern, string[] expected)
    {
        using var folder = new TempFolder();
        folder.Add("a.jpeg");
        folder.Add("sub/b.jpeg");
        folder.Add("sub/d.png");
        folder.Add("sub/e.txt");
        folder.Add("sub/deep/c.jpeg");

        var entries = InputPathExpander.Expand([Path.Combine(folder.Root, pattern)]);

        Assert.Equal(expected, entries.Select(e => Path.GetRelativePath(folder.Root, e.Path)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_glob_or_folder_without_images_is_a_problem_entry()
    {
        using var folder = new TempFolder();
        folder.Add("empty/readme.txt");

        var entries = InputPathExpander.Expand([folder.Path("empty"), folder.Path("*.gif")]);

        Assert.Equal(2, entries.Count);
        Assert.StartsWith("folder holds no images", entries[0].Problem, StringComparison.Ordinal);
        Assert.Equal("pattern matches no images", entries[1].Problem);
    }
}
