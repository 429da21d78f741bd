using System.Globalization;
using System.Text.Json;
using Cxr.Core.Contracts;
using Cxr.Core.Data;
using Cxr.Core.Evaluation;
using Cxr.Core.Imaging;
using Cxr.Inference;
using Cxr.Training.Data;
using Cxr.Training.Models;
using Cxr.Training.Runs;
using Cxr.Training.Tests.Export;
using Cxr.Training.Trainer;
using Microsoft.ML.OnnxRuntime;
using static TorchSharp.torch;

namespace Cxr.Training.Tests.Runs;

/// <summary><c>cxr train --ensemble K</c> end to end on a few real films: K members on patient-grouped folds, calibrated
/// on their out-of-fold logits, the guard refitted on the ensemble's features, one ONNX graph that computes the members'
/// mean and spread and passes its self-test, and <c>--resume</c> that skips finished members.</summary>
[Collection(TorchGeneratorCollection.Name)]
public sealed class EnsembleTrainingRunTests(EnsembleRunFixture fixture) : IClassFixture<EnsembleRunFixture>
{
    private const int K = EnsembleRunFixture.Members;

    [Fact]
    public void The_model_loads_passes_its_self_test_and_computes_the_members_mean_logit_and_probability_spread()
    {
        using var predictor = ChestXrayPredictor.Load(fixture.ModelPath, new PredictorOptions(IntraOpThreads: 1, WarmUp: false));
        var card = predictor.Model.Card;
        Assert.Equal(K, card.Ensemble!.Members);
        Assert.Equal([11, 12, 13], card.Ensemble.Seeds);
        Assert.NotNull(predictor.Model.SelfTest!.MaxMemberSpreadDeviation);

        var cache = ImageCache.Build(fixture.Films, new PreprocessSpec(64));
        var indices = Enumerable.Range(0, cache.Count).ToArray();
        var members = Enumerable.Range(0, K).Select(fixture.LoadMember).ToList();
        try
        {
            var memberLogits = members.Select(m => ModelTrainer.PredictLogits(m, cache)).ToArray();
            using var scope = NewDisposeScope();
            var images = cache.Batch(indices).data<float>().ToArray();
            using var session = new InferenceSession(fixture.ModelPath);
            var onnx = OnnxRun.Run(session, images, 64);
            var spreads = new double[cache.Count];
            for (var i = 0; i < cache.Count; i++)
            {
                var row = memberLogits.Select(l => l[i]).ToArray();
                var mean = row.Average();
                spreads[i] = CxrEnsemble.MemberSpreadFromLogits(row, card.Temperature);
                Assert.InRange(Math.Abs(onnx[OnnxModelContract.LogitOutput].Values[i] - mean), 0, 1e-4 * Math.Max(1, Math.Abs(mean)));
                Assert.InRange(Math.Abs(onnx[OnnxModelContract.ProbabilityOutput].Values[i] - TemperatureScaling.Apply(mean, card.Temperature)), 0, 1e-5);
                Assert.InRange(Math.Abs(onnx[OnnxModelContract.MemberSpreadOutput].Values[i] - spreads[i]), 0, 1e-5);
            }

            Assert.True(spreads.Max() > 1e-3, "members that always agree would not test the spread");
            var film = predictor.PredictFile(fixture.Films[0].Path);
            Assert.InRange(Math.Abs(film.MemberSpread!.Value - spreads[0]), 0, 1e-5);
            Assert.InRange(Math.Abs(film.Logit - memberLogits.Average(l => l[0])), 0, 1e-4);
        }
        finally
        {
            members.ForEach(m => m.Dispose());
        }
    }

    [Fact]
    public void Out_of_fold_predictions_cover_every_film_once_come_from_the_member_that_held_it_out_and_calibrate_the_ensemble()
    {
        var rows = File.ReadAllLines(Path.Combine(fixture.Output, EnsembleTrainingRun.OutOfFoldFile));
        Assert.Equal(EnsembleTrainingRun.OutOfFoldHeader, rows[0]);
        var oof = rows.Skip(1).Select(r => r.Split(',')).Select(f => (
            Path: Path.GetFullPath(Path.Combine(fixture.Output, f[0])),
            Label: f[1],
            Fold: int.Parse(f[2], CultureInfo.InvariantCulture),
            Logit: double.Parse(f[3], CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(fixture.Films.Select(r => r.Path).Order(StringComparer.Ordinal), oof.Select(r => r.Path).Order(StringComparer.Ordinal));
        Assert.All(oof, r => Assert.InRange(r.Fold, 1, K));

        var cache = ImageCache.Build(fixture.Films, new PreprocessSpec(64));
        for (var m = 0; m < K; m++)
        {
            // Member m+1 held out exactly its fold's films, trained on all the others, and its out-of-fold logits are its own.
            var split = Manifest.Read(Path.Combine(EnsembleTrainingRun.MemberDirectory(fixture.Output, m), TrainingRun.ManifestFile));
            var heldOut = split.Where(r => r.Split == SplitNames.Validation).Select(r => r.Path).ToHashSet(StringComparer.Ordinal);
            Assert.Equal(oof.Where(r => r.Fold == m + 1).Select(r => r.Path).ToHashSet(StringComparer.Ordinal), heldOut);
            Assert.Equal(fixture.Films.Count - heldOut.Count, split.Count(r => r.Split == SplitNames.Train));
            using var member = fixture.LoadMember(m);
            var logits = ModelTrainer.PredictLogits(member, cache);
            for (var i = 0; i < fixture.Films.Count; i++)
            {
                var row = oof.Single(r => r.Path == fixture.Films[i].Path);
                if (row.Fold == m + 1)
                {
                    Assert.InRange(Math.Abs(row.Logit - logits[i]), 0, 1e-5 * Math.Max(1, Math.Abs(logits[i])));
                }
            }
        }

        var labels = fixture.Films.Select(r => (int)r.Label).ToArray();
        var oofLogits = fixture.Films.Select(f => oof.Single(r => r.Path == f.Path).Logit).ToArray();
        var temperature = TemperatureScaling.Fit(labels, oofLogits);
        var probabilities = oofLogits.Select(l => TemperatureScaling.Apply(l, temperature)).ToArray();
        var threshold = ThresholdPolicy.Parse(EnsembleRunFixture.Options.ThresholdPolicy).Choose(labels, probabilities);
        var report = fixture.Report;
        Assert.Equal(temperature, report.Temperature, 12);
        Assert.Equal(threshold, report.Validation.Threshold, 12);
        Assert.Equal(BinaryMetrics.Compute(labels, probabilities, threshold).Auc, report.Validation.Auc, 12);
        Assert.Equal(fixture.Films.Count, report.ValidationImages);
        using var predictor = ChestXrayPredictor.Load(fixture.ModelPath, new PredictorOptions(IntraOpThreads: 1, WarmUp: false));
        Assert.Equal(temperature, predictor.Model.Temperature, 12);
        Assert.Equal(threshold, predictor.Model.Threshold, 12);
        Assert.Equal(EnsembleSpec.OutOfFoldCalibration, predictor.Model.Ensemble!.Calibration);
    }

    [Fact]
    public void The_guard_is_refitted_on_the_members_features_side_by_side_over_every_training_film()
    {
        using var predictor = ChestXrayPredictor.Load(fixture.ModelPath, new PredictorOptions(IntraOpThreads: 1, WarmUp: false));
        var guard = predictor.Model.Guard;
        Assert.True(guard.HasDistances);
        Assert.Equal(fixture.Films.Count, guard.FitImages);
        Assert.Equal(K * 32, predictor.Model.Card.SelfTest!.Features[0].Count);
        Assert.Equal(fixture.Films.Count, fixture.Report.InputGuardTrain!.Images);
        Assert.Null(fixture.Report.InputGuardValidation);
        Assert.NotNull(predictor.Model.SelfTest!.MaxGuardDeviation);
    }

    [Fact]
    public void Each_member_has_its_own_seed_log_curves_and_weights_and_validation_json_lists_them()
    {
        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(fixture.Output, TrainingRun.ValidationFile))).RootElement;
        var members = json.GetProperty("ensemble").GetProperty("members").EnumerateArray().ToList();
        Assert.Equal(K, members.Count);
        Assert.Equal("out-of-fold", json.GetProperty("ensemble").GetProperty("calibration").GetString());
        for (var m = 0; m < K; m++)
        {
            var directory = EnsembleTrainingRun.MemberDirectory(fixture.Output, m);
            Assert.Equal(m + 1, members[m].GetProperty("member").GetInt32());
            Assert.Equal(11 + m, members[m].GetProperty("seed").GetInt32());
            Assert.Equal(fixture.Films.Count, members[m].GetProperty("trainImages").GetInt32() + members[m].GetProperty("heldOutImages").GetInt32());
            foreach (var file in new[] { TrainingRun.LogFile, TrainingRun.CurvesFile, EnsembleTrainingRun.MemberWeightsFile, EnsembleTrainingRun.MemberStateFile, ModelTrainer.CheckpointFile })
            {
                Assert.True(File.Exists(Path.Combine(directory, file)), $"{directory} has no {file}");
            }

            Assert.Equal(3, File.ReadAllLines(Path.Combine(directory, TrainingRun.LogFile)).Length);
        }

        var steps = fixture.Observer.Steps;
        Assert.Equal(Enumerable.Range(1, K), steps.Select(s => s.Member).Distinct());
        Assert.All(steps, s => Assert.Equal(K, s.Members));
        Assert.All(steps, s => Assert.True(s.EnsembleEta >= s.Eta, "the ensemble's ETA includes this member's"));
        Assert.Contains("Training member 2/3", fixture.Observer.Phases);
    }

    [Fact]
    public void An_interrupted_run_resumes_in_the_unfinished_member_and_ends_with_the_same_model()
    {
        var output = Path.Combine(fixture.Root, "interrupted");
        using var cancel = new CancellationTokenSource();
        var stopping = new RecordingObserver(stopMember: 2, stopStep: 3, cancel);
        Assert.Null(TrainingRun.Run(fixture.Request(output), stopping, cancel.Token));
        Assert.True(File.Exists(Path.Combine(EnsembleTrainingRun.MemberDirectory(output, 0), EnsembleTrainingRun.MemberStateFile)));
        Assert.False(File.Exists(Path.Combine(EnsembleTrainingRun.MemberDirectory(output, 1), EnsembleTrainingRun.MemberStateFile)));

        var resuming = new RecordingObserver();
        var report = TrainingRun.Run(fixture.Request(output, resume: true), resuming, CancellationToken.None);

        Assert.NotNull(report);
        Assert.Contains(resuming.Messages, m => m.StartsWith("Member 1/3 has finished", StringComparison.Ordinal));
        Assert.Equal(4, resuming.Steps.First(s => s.Member == 2).GlobalStep);
        Assert.DoesNotContain(resuming.Steps, s => s.Member == 1);
        Assert.Equal(WeightsSha256(fixture.ModelPath), WeightsSha256(Path.Combine(output, TrainingRun.ModelFile)));
        Assert.Equal(fixture.Report.Temperature, report.Temperature);
        Assert.Equal(
            File.ReadAllText(Path.Combine(fixture.Output, EnsembleTrainingRun.OutOfFoldFile)),
            File.ReadAllText(Path.Combine(output, EnsembleTrainingRun.OutOfFoldFile)));
    }

    [Fact]
    public void Resuming_a_finished_ensemble_trains_nothing_and_a_member_from_other_folds_is_refused()
    {
        var output = Path.Combine(fixture.Root, "finished");
        Copy(fixture.Output, output);

        var resuming = new RecordingObserver();
        var report = TrainingRun.Run(fixture.Request(output, resume: true), resuming, CancellationToken.None);

        Assert.NotNull(report);
        Assert.Empty(resuming.Steps);
        Assert.Equal(WeightsSha256(fixture.ModelPath), WeightsSha256(Path.Combine(output, TrainingRun.ModelFile)));

        var state = Path.Combine(EnsembleTrainingRun.MemberDirectory(output, 1), EnsembleTrainingRun.MemberStateFile);
        var sha = JsonDocument.Parse(File.ReadAllText(state)).RootElement.GetProperty("report").GetProperty("manifestSha256").GetString()!;
        File.WriteAllText(state, File.ReadAllText(state).Replace(sha, new string('0', 64), StringComparison.Ordinal));
        var error = Assert.Throws<InvalidDataException>(() => TrainingRun.Run(fixture.Request(output, resume: true), new RecordingObserver(), CancellationToken.None));
        Assert.Contains("was trained on other folds than this run makes", error.Message, StringComparison.Ordinal);

        var otherOptions = fixture.Request(output, resume: true) with { Options = EnsembleRunFixture.Options with { Epochs = 3 } };
        File.WriteAllText(state, File.ReadAllText(state).Replace(new string('0', 64), sha, StringComparison.Ordinal));
        var options = Assert.Throws<InvalidDataException>(() => TrainingRun.Run(otherOptions, new RecordingObserver(), CancellationToken.None));
        Assert.Contains("was trained with other options than this run's", options.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resume_with_nothing_to_resume_and_a_member_count_below_two_are_refused()
    {
        var empty = Path.Combine(fixture.Root, "empty");

        var nothing = Assert.Throws<FileNotFoundException>(() => TrainingRun.Run(fixture.Request(empty, resume: true), new RecordingObserver(), CancellationToken.None));
        var zero = Assert.Throws<ArgumentOutOfRangeException>(() => TrainingRun.Run(fixture.Request(empty) with { EnsembleMembers = 0 }, new RecordingObserver(), CancellationToken.None));

        Assert.StartsWith("Nothing to resume:", nothing.Message, StringComparison.Ordinal);
        Assert.Contains("2 to 20 members", zero.Message, StringComparison.Ordinal);
    }

    private static string WeightsSha256(string model) => OnnxWeightsHash.Compute(File.ReadAllBytes(model));

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
