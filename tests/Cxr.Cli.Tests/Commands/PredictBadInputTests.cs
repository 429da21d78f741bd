using System.Text.Json;
using Cxr.Cli.Commands;
using Cxr.Tests;
using Cxr.Tests.BadInputs;

namespace Cxr.Cli.Tests.Commands;

/// <summary>
/// <c>cxr predict</c> on every item of the bad-input corpus, with the committed default model: the exact error line and
/// exit code of <see cref="BadInputExpectations"/>, and never a stack trace.
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
        if (expected.Outcome == BadInputOutcome.Refused)
        {
            Assert.Contains(expected.CliLine(file), lines);
            Assert.Contains("1 file: 0 predicted (0 PNEUMONIA, 0 NORMAL), 1 failed", run.Out, StringComparison.Ordinal);
        }
        else
        {
            Assert.DoesNotContain(lines, l => l.StartsWith("error:", StringComparison.Ordinal));
            Assert.Matches(@"1 file: 1 predicted \((1 PNEUMONIA, 0 NORMAL|0 PNEUMONIA, 1 NORMAL)\), 0 failed", run.Out);
        }
    }

    [Fact]
    public async Task The_whole_corpus_in_one_json_run_reports_each_item_with_its_error_code()
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
            if (expected.Outcome == BadInputOutcome.Refused)
            {
                Assert.Equal((expected.Id, expected.Message), (expected.Id, result.GetProperty("error").GetString()));
                Assert.Equal((expected.Id, expected.ErrorCode), (expected.Id, result.GetProperty("errorCode").GetString()));
            }
            else
            {
                Assert.True(result.TryGetProperty("label", out _), expected.Id);
                Assert.False(result.TryGetProperty("error", out _), expected.Id);
            }
        }

        var refused = BadInputExpectations.All.Count(e => e.Outcome == BadInputOutcome.Refused);
        Assert.Equal(refused, doc.RootElement.GetProperty("summary").GetProperty("failed").GetInt32());
        Assert.Equal(files.Length - refused, doc.RootElement.GetProperty("summary").GetProperty("predicted").GetInt32());
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
