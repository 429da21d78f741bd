using System.Text.Json;
using Cxr.Cli.Commands;
using Cxr.Testing;
using Cxr.Testing.BadInputs;

namespace Cxr.Cli.Tests.Commands;

/// <summary>
/// <c>cxr predict</c> on every item of the bad-input corpus, with the committed default model and its input guard: the
/// exact <c>error:</c> / <c>refused:</c> line and exit code of <see cref="BadInputExpectations"/>, and never a stack
/// trace.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class PredictBadInputTests : IDisposable
{
    private static readonly string DefaultModel = Path.Combine(TestData.RepoRoot, "models", "cxr-default.onnx");

    private readonly TempFolder _folder = new();

    public static TheoryData<string> Ids => BadInputCorpus.Ids;

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task Each_item_gets_its_exact_message_and_exit_code(string id)
    {
        var expected = BadInputExpectations.For(id);
        var file = BadInputCorpus.Get(id).WriteTo(_folder.Root);

        var run = await CliRun.RunAsync("predict", file, "--model", DefaultModel, "--threads", "1");

        AssertNoInternals(run);
        Assert.Equal(expected.CliExitCode, run.ExitCode);
        var lines = run.Out.Split('\n');
        Assert.Matches(expected.CliSummaryPattern, run.Out);
        if (expected.CliLine(file) is { } line)
        {
            // Messages longer than the console's width (the big-endian one) are wrapped at a space.
            Assert.Contains(ConsoleText.Unwrapped("\n" + line + "\n"), ConsoleText.Unwrapped("\n" + run.Out), StringComparison.Ordinal);
        }
        else
        {
            Assert.DoesNotContain(lines, l => l.StartsWith("error:", StringComparison.Ordinal) || l.StartsWith("refused:", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Force_gives_a_marked_label_for_each_item_the_guard_refuses()
    {
        foreach (var expected in BadInputExpectations.All.Where(e => e.Outcome == BadInputOutcome.NotChestXray))
        {
            var file = BadInputCorpus.Get(expected.Id).WriteTo(_folder.Root);

            var run = await CliRun.RunAsync("predict", file, "--model", DefaultModel, "--threads", "1", "--force");

            AssertNoInternals(run);
            Assert.Equal((expected.Id, 0), (expected.Id, run.ExitCode));
            Assert.Contains(ConsoleText.Unwrapped($"\nforced: {file}: {expected.Message}\n"), ConsoleText.Unwrapped("\n" + run.Out), StringComparison.Ordinal);
            Assert.Matches(@"1 file: 1 predicted \((1 PNEUMONIA, 0 NORMAL|0 PNEUMONIA, 1 NORMAL); 1 forced past the input guard\)", run.Out);
        }
    }

    [Fact]
    public async Task The_whole_corpus_in_one_json_run_reports_each_item_with_its_code()
    {
        var files = BadInputCorpus.All.Select(i => i.WriteTo(_folder.Root)).ToArray();

        var run = await CliRun.RunAsync(["predict", .. files, "--model", DefaultModel, "--threads", "1", "--format", "json"]);

        AssertNoInternals(run);
        Assert.Equal(PredictCommand.ExitSomeFailed, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        var results = doc.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(files, results.Select(r => r.GetProperty("file").GetString()));
        for (var i = 0; i < files.Length; i++)
        {
            var expected = BadInputExpectations.All[i];
            var result = results[i];
            switch (expected.Outcome)
            {
                case BadInputOutcome.Refused:
                    Assert.Equal((expected.Id, expected.Message), (expected.Id, result.GetProperty("error").GetString()));
                    Assert.Equal((expected.Id, expected.Code), (expected.Id, result.GetProperty("errorCode").GetString()));
                    break;
                case BadInputOutcome.NotChestXray:
                    var check = result.GetProperty("inputCheck");
                    Assert.False(check.GetProperty("isChestXray").GetBoolean(), expected.Id);
                    Assert.Equal((expected.Id, expected.Code), (expected.Id, check.GetProperty("reason").GetString()));
                    Assert.Equal((expected.Id, expected.Message), (expected.Id, check.GetProperty("message").GetString()));
                    Assert.False(result.TryGetProperty("label", out _), expected.Id);
                    break;
                default:
                    Assert.True(result.GetProperty("inputCheck").GetProperty("isChestXray").GetBoolean(), expected.Id);
                    Assert.True(result.TryGetProperty("label", out _), expected.Id);
                    Assert.False(result.TryGetProperty("error", out _), expected.Id);
                    break;
            }
        }

        var summary = doc.RootElement.GetProperty("summary");
        Assert.Equal(
            (BadInputExpectations.All.Count(e => e.Outcome == BadInputOutcome.Predicted),
             BadInputExpectations.All.Count(e => e.Outcome == BadInputOutcome.NotChestXray),
             BadInputExpectations.All.Count(e => e.Outcome == BadInputOutcome.Refused)),
            (summary.GetProperty("predicted").GetInt32(), summary.GetProperty("refused").GetInt32(), summary.GetProperty("failed").GetInt32()));
    }

    public void Dispose() => _folder.Dispose();

    private static void AssertNoInternals(CliRun run)
    {
        foreach (var text in new[] { run.Out, run.Error })
        {
            Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        }
    }
}
