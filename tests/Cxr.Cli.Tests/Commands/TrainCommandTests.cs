using System.Text.RegularExpressions;
using Cxr.Core.Contracts;

namespace Cxr.Cli.Tests.Commands;

/// <summary><c>cxr train --ensemble K</c> (as a child process: training loads TorchSharp): bad values are one sentence
/// and exit code 1 before anything is read or trained; a tiny ensemble trains, reports its members and out-of-fold
/// validation, passes its self-test, and <c>--resume</c> on it loads the finished members instead of training them.</summary>
public sealed class TrainCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public static TheoryData<string[], string> BadEnsembles() => new()
    {
        { ["--ensemble", "0"], "error: --ensemble must be at least 2 (the number of members; got 0); leave it out to train one model." },
        { ["--ensemble", "1"], "error: --ensemble must be at least 2 (the number of members; got 1); leave it out to train one model." },
        { ["--ensemble", "-3"], "error: --ensemble must be at least 2 (the number of members; got -3); leave it out to train one model." },
        { ["--ensemble", "21"], "error: --ensemble must be at most 20 (got 21): each member is validated on 1/K of the patients." },
        { ["--ensemble", "3", "--preset", "notebook"], "error: --ensemble needs --arch cxrnet: the ensemble's heatmap is the mean of its members' class-activation maps, which seed-cnn does not have." },
        { ["--ensemble", "3", "--val-fraction", "0.2"], "error: --val-fraction does not apply with --ensemble: every training film is held out by the one member that does not train on it." },
    };

    [Theory]
    [MemberData(nameof(BadEnsembles))]
    public async Task A_bad_ensemble_request_is_one_sentence_and_exit_code_1(string[] ensemble, string error)
    {
        var output = _folder.Path("out");

        var run = await CxrProcess.RunAsync(_folder.Root, ["train", "--data", _folder.Path("no-data"), "--out", output, .. ensemble]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(error + "\n", run.Error);
        Assert.False(Directory.Exists(output), "nothing is written for a refused request");
    }

    [Fact]
    public async Task An_ensemble_trains_its_members_reports_out_of_fold_validation_and_passes_its_self_test()
    {
        var (output, run) = await TrainedEnsemble.Value;
        // The child's console is 80 columns wide: compare the text with its line breaks and table rules taken out.
        var text = Regex.Replace(run.Out, @"[\s│]+", " ");

        Assert.Contains("ensemble of 2 members on 2 patient-grouped folds, seeds 5–6", text, StringComparison.Ordinal);
        Assert.Contains("] Training member 1/2 (2)\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("] member 2/2 epoch 1: train loss", run.Out, StringComparison.Ordinal);
        Assert.Contains("out-of-fold validation (24 training films, each scored by the member that did not train on it; 2 patient-grouped folds)", text, StringComparison.Ordinal);
        Assert.Matches(@"member 2 \(seed 6\) best epoch 1 of 1, held-out AUC [0-9.]+ on 12 films", text);
        Assert.Contains("parameters 790,818 (2 members)", text, StringComparison.Ordinal);
        Assert.Contains("Self-test in ONNX Runtime: passed (", text, StringComparison.Ordinal);
        Assert.Contains(", member spread ", text, StringComparison.Ordinal);
        foreach (var file in new[] { "model.onnx", "oof.csv", "validation.json", "manifest.csv", "member-1/member.json", "member-2/log.csv", "member-2/curves.png" })
        {
            Assert.True(File.Exists(Path.Combine(output, file)), $"no {file}");
        }
    }

    [Fact]
    public async Task Resume_on_a_finished_ensemble_loads_its_members_and_writes_the_same_weights()
    {
        var (output, _) = await TrainedEnsemble.Value;
        var copy = _folder.Path("resumed");
        foreach (var file in Directory.GetFiles(output, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(output, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var run = await CxrProcess.RunAsync(_folder.Root, ["train", "--manifest", TrainedEnsemble.Manifest, "--out", copy, .. TrainedEnsemble.Recipe, "--resume"]);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Member 1/2 has finished (best epoch 1 of 1); loaded, not retrained.", run.Out, StringComparison.Ordinal);
        Assert.Contains("Member 2/2 has finished", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Training member", run.Out, StringComparison.Ordinal);
        Assert.Equal(
            OnnxWeightsHash.Compute(File.ReadAllBytes(Path.Combine(output, "model.onnx"))),
            OnnxWeightsHash.Compute(File.ReadAllBytes(Path.Combine(copy, "model.onnx"))));
    }

    public void Dispose() => _folder.Dispose();
}
