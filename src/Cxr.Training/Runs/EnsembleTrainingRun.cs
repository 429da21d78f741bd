using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Cxr.Core.Contracts;
using Cxr.Core.Data;
using Cxr.Core.Evaluation;
using Cxr.Core.Imaging;
using Cxr.Core.Text;
using Cxr.Training.Data;
using Cxr.Training.Export;
using Cxr.Training.Guard;
using Cxr.Training.Models;
using Cxr.Training.Trainer;

namespace Cxr.Training.Runs;

/// <summary>
/// <c>cxr train --ensemble K</c> from data to files: every training film (all of <c>--data</c>'s training folder, or a
/// manifest's train and val rows) goes to one of K patient-grouped folds; member k trains on the other K − 1 folds with
/// seed + k − 1, uses fold k as its validation set (best epoch, early stop), and scores fold k with its best weights.
/// Those out-of-fold logits of all training films calibrate the ensemble (temperature, then threshold) and give its
/// validation metrics; the input guard is fitted on the ensemble's features over all training films; the K members are
/// exported as one ONNX graph (<see cref="OnnxExporter.ExportEnsemble"/>).
/// </summary>
/// <remarks>
/// <para>The approximation: an ensemble has no held-out films of its own, so each film's out-of-fold logit (one member,
/// trained on (K − 1)/K of the films) stands in for the ensemble's mean logit. Averaging K logits shrinks their spread,
/// so the fitted temperature and the threshold are those of a typical member; the served ensemble tends to be a little
/// less extreme than the calibration assumed.</para>
/// <para>Files: <c>manifest.csv</c> (every film, split <c>train</c>), <c>member-k/</c> (its <c>manifest.csv</c> with its
/// train/held-out split, <c>log.csv</c>, <c>curves.png</c>, checkpoints, <c>member.bin</c> = its final weights,
/// <c>member.json</c> written last), <c>oof.csv</c> (each film's fold, out-of-fold logit and calibrated probability),
/// <c>validation.json</c> and <c>model.onnx</c>. With <c>--resume</c>, members whose <c>member.json</c> exists are
/// loaded, not retrained, and the first unfinished member continues from its checkpoint.</para>
/// </remarks>
public static class EnsembleTrainingRun
{
    /// <summary>Written last in a member's folder when it has finished (<see cref="EnsembleMemberState"/>).</summary>
    public const string MemberStateFile = "member.json";

    /// <summary>A finished member's final (best-epoch) weights, TorchSharp format.</summary>
    public const string MemberWeightsFile = "member.bin";

    /// <summary>Every training film's fold, out-of-fold logit and calibrated probability.</summary>
    public const string OutOfFoldFile = "oof.csv";

    /// <summary>The header of <see cref="OutOfFoldFile"/>; paths are relative to the output folder.</summary>
    public const string OutOfFoldHeader = "path,label,fold,logit,probability";

    /// <summary>The folder of member <paramref name="index"/> (0-based): <c>member-1</c>, <c>member-2</c>, ….</summary>
    public static string MemberDirectory(string output, int index) =>
        Path.Combine(output, string.Create(CultureInfo.InvariantCulture, $"member-{index + 1}"));

    /// <summary>Runs the ensemble request. Returns null when the run was interrupted (the member in training saved a
    /// checkpoint).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="TrainingRequest.EnsembleMembers"/> is below 2 or above
    /// <see cref="PatientGroupedFolds.MaxFolds"/>.</exception>
    /// <exception cref="FileNotFoundException"><c>--resume</c> with no member state in the output folder.</exception>
    /// <exception cref="InvalidDataException"><c>--resume</c> finds a finished member trained on other folds or with
    /// other options.</exception>
    public static TrainingReport? Run(TrainingRequest request, ITrainingObserver observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(observer);
        var k = request.EnsembleMembers;
        if (k is < 2 or > PatientGroupedFolds.MaxFolds)
        {
            throw new ArgumentOutOfRangeException(nameof(request), k, $"An ensemble has 2 to {PatientGroupedFolds.MaxFolds} members.");
        }

        var total = Stopwatch.StartNew();
        var options = request.Options;
        var output = Path.GetFullPath(request.OutputDirectory);
        Directory.CreateDirectory(output);
        PrepareMemberFolders(output, k, request.Resume);

        observer.OnPhase("Reading data");
        var films = SelectFilms(request);
        var folds = new PatientGroupedFolds(k, options.Seed).Assign(films);
        var manifestPath = Path.Combine(output, TrainingRun.ManifestFile);
        Manifest.Write(manifestPath, films);
        var manifestSha = Manifest.Sha256OfFile(manifestPath);

        var spec = options.Preprocess;
        observer.OnPhase("Decoding images", films.Count);
        var cache = ImageCache.Build(films, spec, request.CacheDirectory, new SyncProgress(observer.OnPhaseProgress), cancellationToken);

        var outOfFold = new double[films.Count];
        var reports = new List<EnsembleMemberReport>(k);
        var members = new List<CxrModel>(k);
        var owned = true;
        try
        {
            for (var m = 0; m < k; m++)
            {
                var member = TrainMember(request, observer, films, folds, cache, m, members, cancellationToken);
                if (member is null)
                {
                    return null;
                }

                var heldOut = Fold(folds, m);
                for (var j = 0; j < heldOut.Count; j++)
                {
                    outOfFold[heldOut[j]] = member.OutOfFoldLogits[j];
                }

                reports.Add(member.Report);
            }

            observer.OnPhase("Calibrating on out-of-fold predictions");
            var labels = cache.Labels;
            var calibration = RunCalibration.Fit(labels, outOfFold, options.ThresholdPolicy);
            WriteOutOfFold(Path.Combine(output, OutOfFoldFile), output, films, folds, outOfFold, calibration.Probabilities);

            using var ensemble = new CxrEnsemble(members);
            owned = false;
            observer.OnPhase("Fitting input guard", 2 * films.Count);
            var guard = InputGuardFitter.Fit(ensemble, cache, options.GuardPercentile, new SyncProgress(observer.OnPhaseProgress), cancellationToken);

            var trainedUtc = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            var ensembleSpec = new EnsembleSpec(k, [.. reports.Select(r => r.Seed)], options.Seed, EnsembleSpec.OutOfFoldCalibration);
            var report = new TrainingReport
            {
                ModelName = request.ModelName,
                Architecture = ensemble.Architecture,
                InputSize = ensemble.InputSize,
                ParameterCount = ensemble.ParameterCount(),
                TrainImages = films.Count,
                ValidationImages = films.Count,
                BestEpoch = reports.Max(r => r.BestEpoch),
                EpochsRun = reports.Max(r => r.EpochsRun),
                StoppedEarly = reports.Any(r => r.StoppedEarly),
                TrainingSeconds = Math.Round(reports.Sum(r => r.TrainingSeconds), 1),
                TotalSeconds = Math.Round(total.Elapsed.TotalSeconds, 1),
                Temperature = calibration.Temperature,
                ThresholdPolicy = calibration.Policy.ToString(),
                Validation = calibration.Metrics,
                ValidationAtHalf = calibration.AtHalf,
                ManifestSha256 = manifestSha,
                TrainedUtc = trainedUtc,
                Options = options,
                ModelPath = Path.Combine(output, TrainingRun.ModelFile),
                InputGuard = guard.Spec,
                InputGuardTrain = guard.Report,
                // Every film trained some member: the ensemble has no unseen films to test the guard on.
                InputGuardValidation = null,
                Ensemble = new EnsembleReport(reports, options.Seed, EnsembleSpec.OutOfFoldCalibration),
            };

            observer.OnPhase("Exporting ONNX");
            var card = TrainingRun.Card(request, spec, calibration, manifestSha, trainedUtc) with { Ensemble = ensembleSpec };
            OnnxExporter.ExportEnsemble(ensemble, Path.Combine(output, TrainingRun.ModelFile), card, guard);
            File.WriteAllText(Path.Combine(output, TrainingRun.ValidationFile), JsonSerializer.Serialize(report, TrainingJson.Options));
            return report;
        }
        finally
        {
            if (owned)
            {
                members.ForEach(model => model.Dispose());
            }
        }
    }

    /// <summary>Every training film of the request, split <c>train</c>: a manifest's train and val rows, or the data
    /// root's training folder.</summary>
    public static IReadOnlyList<ImageRecord> SelectFilms(TrainingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        IReadOnlyList<ImageRecord> records;
        if (request.ManifestPath is { } manifest)
        {
            records = [.. Manifest.Read(manifest).Where(r => r.Split is SplitNames.Train or SplitNames.Validation)];
            if (records.Count == 0)
            {
                throw new InvalidDataException($"{manifest} has no rows with split 'train' or 'val' to fold into an ensemble's training films.");
            }
        }
        else
        {
            records = TrainingRun.TrainingFolder(request);
        }

        return [.. records.Select(r => r with { Split = SplitNames.Train })];
    }

    /// <summary>Trains member <paramref name="index"/> (or, with <c>--resume</c>, loads it when it has finished) and
    /// adds its model, in eval mode with its final weights, to <paramref name="members"/>. Null when interrupted.</summary>
    private static EnsembleMemberState? TrainMember(
        TrainingRequest request, ITrainingObserver observer, IReadOnlyList<ImageRecord> films, IReadOnlyList<int> folds, ImageCache cache,
        int index, List<CxrModel> members, CancellationToken cancellationToken)
    {
        var k = request.EnsembleMembers;
        var directory = MemberDirectory(Path.GetFullPath(request.OutputDirectory), index);
        Directory.CreateDirectory(directory);
        var memberRecords = films.Select((r, i) => r with { Split = folds[i] == index ? SplitNames.Validation : SplitNames.Train }).ToList();
        LeakageChecker.EnsureNone(memberRecords);
        var manifestPath = Path.Combine(directory, TrainingRun.ManifestFile);
        Manifest.Write(manifestPath, memberRecords);
        var manifestSha = Manifest.Sha256OfFile(manifestPath);
        var options = request.Options with { Seed = request.Options.Seed + index };
        var memberObserver = new EnsembleMemberObserver(observer, index, k);
        var trainer = new ModelTrainer(options, directory, memberObserver);
        var model = trainer.CreateModel();
        members.Add(model);

        var statePath = Path.Combine(directory, MemberStateFile);
        if (request.Resume && File.Exists(statePath))
        {
            var finished = ReadState(statePath, manifestSha, options);
            model.load(Path.Combine(directory, MemberWeightsFile));
            model.eval();
            observer.OnMessage(string.Create(CultureInfo.InvariantCulture,
                $"Member {index + 1}/{k} has finished (best epoch {finished.Report.BestEpoch} of {finished.Report.EpochsRun}); loaded, not retrained."));
            return finished;
        }

        var train = cache.Subset(Fold(folds, index, heldOut: false));
        var heldOut = cache.Subset(Fold(folds, index));
        var resumeMember = request.Resume && File.Exists(Path.Combine(directory, ModelTrainer.StateFile));
        observer.OnPhase(string.Create(CultureInfo.InvariantCulture, $"Training member {index + 1}/{k}"), (int)options.TotalSteps);
        var outcome = trainer.Train(model, train, heldOut, resumeMember, cancellationToken);
        TrainingRun.WriteHistory(directory, outcome.History);

        if (outcome.Interrupted)
        {
            return null;
        }

        var logits = ModelTrainer.PredictLogits(model, heldOut);
        model.save(Path.Combine(directory, MemberWeightsFile));
        var state = new EnsembleMemberState(
            new EnsembleMemberReport(
                index + 1,
                options.Seed,
                train.Count,
                heldOut.Count,
                outcome.BestEpoch,
                outcome.History.Count,
                outcome.StoppedEarly,
                Math.Round(outcome.ElapsedSeconds, 1),
                RocAnalysis.Auc(heldOut.Labels, logits),
                manifestSha),
            options,
            logits);
        var temporary = statePath + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(state, TrainingJson.Options));
        File.Move(temporary, statePath, overwrite: true);
        return state;
    }

    /// <summary>Without <c>--resume</c> every member trains again, so no earlier run's <c>member.json</c> may survive
    /// to be mistaken for a finished member later; with it, there must be something to resume.</summary>
    private static void PrepareMemberFolders(string output, int k, bool resume)
    {
        var folders = Enumerable.Range(0, k).Select(m => MemberDirectory(output, m)).ToList();
        if (!resume)
        {
            foreach (var folder in folders.Where(Directory.Exists))
            {
                File.Delete(Path.Combine(folder, MemberStateFile));
            }

            return;
        }

        if (!folders.Any(f => File.Exists(Path.Combine(f, MemberStateFile)) || File.Exists(Path.Combine(f, ModelTrainer.StateFile))))
        {
            throw new FileNotFoundException(
                $"Nothing to resume: {output} holds no ensemble member of {k} (no {MemberStateFile} or {ModelTrainer.StateFile} under member-1 … member-{k}). Train without --resume first.");
        }
    }

    /// <summary>A finished member's state, refused when it was trained on other folds or with other options than this
    /// run would use (the thread count and preset name may differ).</summary>
    private static EnsembleMemberState ReadState(string path, string manifestSha, TrainingOptions options)
    {
        var state = JsonSerializer.Deserialize<EnsembleMemberState>(File.ReadAllText(path), TrainingJson.Options)
            ?? throw new InvalidDataException($"{path} is empty.");
        if (state.Report.ManifestSha256 != manifestSha)
        {
            throw new InvalidDataException(
                $"{path} was trained on other folds than this run makes (other films or another --seed); train without --resume to start the ensemble again.");
        }

        if (TrainingOptionsDifference.Between(state.Options, options) is [_, ..] differences)
        {
            throw new InvalidDataException(
                $"{path} was trained with other options than this run's ({string.Join("; ", differences)}); resume with the same command, or train without --resume.");
        }

        return state;
    }

    /// <summary>Indices of the films in fold <paramref name="fold"/> (or, with <paramref name="heldOut"/> false, in the
    /// other folds), in film order.</summary>
    private static List<int> Fold(IReadOnlyList<int> folds, int fold, bool heldOut = true) =>
        [.. Enumerable.Range(0, folds.Count).Where(i => (folds[i] == fold) == heldOut)];

    private static void WriteOutOfFold(
        string path, string output, IReadOnlyList<ImageRecord> films, IReadOnlyList<int> folds, double[] logits, double[] probabilities)
    {
        var text = new StringBuilder(OutOfFoldHeader).Append('\n');
        for (var i = 0; i < films.Count; i++)
        {
            var file = Path.GetRelativePath(output, Path.GetFullPath(films[i].Path)).Replace(Path.DirectorySeparatorChar, '/');
            text.Append(CultureInfo.InvariantCulture, $"{CsvField.Quote(file)},{ClassLabels.Of(films[i].Label)},{folds[i] + 1},{logits[i]:R},{probabilities[i]:R}\n");
        }

        File.WriteAllText(path, text.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }
}
