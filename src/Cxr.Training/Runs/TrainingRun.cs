using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Cxr.Core.Contracts;
using Cxr.Core.Data;
using Cxr.Core.Evaluation;
using Cxr.Core.Imaging;
using Cxr.Training.Data;
using Cxr.Training.Export;
using Cxr.Training.Guard;
using Cxr.Training.Trainer;

namespace Cxr.Training.Runs;

/// <summary>
/// One <c>cxr train</c> from data to files: pick the train/validation split (patient-grouped), decode it once, train,
/// calibrate (temperature + threshold on validation), export ONNX with its metadata, and write the log, curves and
/// validation report into the output directory.
/// </summary>
public static class TrainingRun
{
    public const string ModelFile = "model.onnx";
    public const string LogFile = "log.csv";
    public const string CurvesFile = "curves.png";
    public const string ValidationFile = "validation.json";
    public const string ManifestFile = "manifest.csv";

    /// <summary>Runs the request (an ensemble run when <see cref="TrainingRequest.EnsembleMembers"/> ≥ 2, see
    /// <see cref="EnsembleTrainingRun"/>). Returns null when the run was interrupted (a checkpoint was saved).</summary>
    public static TrainingReport? Run(TrainingRequest request, ITrainingObserver observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.EnsembleMembers != 1)
        {
            return EnsembleTrainingRun.Run(request, observer, cancellationToken);
        }

        var total = Stopwatch.StartNew();
        var options = request.Options;
        var output = Path.GetFullPath(request.OutputDirectory);
        Directory.CreateDirectory(output);

        observer.OnPhase("Reading data");
        var (train, validation) = SelectSplit(request);
        LeakageChecker.EnsureNone(train.Concat(validation));
        var manifestPath = Path.Combine(output, ManifestFile);
        Manifest.Write(manifestPath, train.Concat(validation));
        var manifestSha = Manifest.Sha256OfFile(manifestPath);

        var spec = options.Preprocess;
        observer.OnPhase("Decoding images", train.Count + validation.Count);
        var trainCache = ImageCache.Build(train, spec, request.CacheDirectory, new SyncProgress(n => observer.OnPhaseProgress(n)), cancellationToken);
        var decoded = train.Count;
        var validationCache = ImageCache.Build(validation, spec, request.CacheDirectory, new SyncProgress(n => observer.OnPhaseProgress(decoded + n)), cancellationToken);

        var trainer = new ModelTrainer(options, output, observer);
        using var model = trainer.CreateModel();
        observer.OnPhase("Training", (int)options.TotalSteps);
        var outcome = trainer.Train(model, trainCache, validationCache, request.Resume, cancellationToken);
        WriteHistory(output, outcome.History);

        if (outcome.Interrupted)
        {
            return null;
        }

        observer.OnPhase("Calibrating");
        var logits = ModelTrainer.PredictLogits(model, validationCache);
        var labels = validationCache.Labels;
        var calibration = RunCalibration.Fit(labels, logits, options.ThresholdPolicy);

        observer.OnPhase("Fitting input guard", 2 * train.Count);
        var guard = InputGuardFitter.Fit(model, trainCache, options.GuardPercentile, new SyncProgress(n => observer.OnPhaseProgress(n)), cancellationToken);
        var guardValidation = InputGuardFitter.Evaluate(guard, model, validationCache, cancellationToken);

        var trainedUtc = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var report = new TrainingReport
        {
            ModelName = request.ModelName,
            Architecture = model.Architecture,
            InputSize = model.InputSize,
            ParameterCount = model.ParameterCount(),
            TrainImages = train.Count,
            ValidationImages = validation.Count,
            BestEpoch = outcome.BestEpoch,
            EpochsRun = outcome.History.Count,
            StoppedEarly = outcome.StoppedEarly,
            TrainingSeconds = Math.Round(outcome.ElapsedSeconds, 1),
            TotalSeconds = Math.Round(total.Elapsed.TotalSeconds, 1),
            Temperature = calibration.Temperature,
            ThresholdPolicy = calibration.Policy.ToString(),
            Validation = calibration.Metrics,
            ValidationAtHalf = calibration.AtHalf,
            ManifestSha256 = manifestSha,
            TrainedUtc = trainedUtc,
            Options = options,
            ModelPath = Path.Combine(output, ModelFile),
            InputGuard = guard.Spec,
            InputGuardTrain = guard.Report,
            InputGuardValidation = guardValidation,
        };

        observer.OnPhase("Exporting ONNX");
        var card = Card(request, spec, calibration, manifestSha, trainedUtc);
        OnnxExporter.Export(model, Path.Combine(output, ModelFile), card, guard);
        File.WriteAllText(Path.Combine(output, ValidationFile), JsonSerializer.Serialize(report, TrainingJson.Options));
        return report;
    }

    /// <summary>Writes a training's epoch records into <paramref name="directory"/>: <see cref="LogFile"/> always, and
    /// <see cref="CurvesFile"/> once an epoch has finished.</summary>
    internal static void WriteHistory(string directory, IReadOnlyList<EpochRecord> history)
    {
        TrainingLogWriter.Write(Path.Combine(directory, LogFile), history);
        if (history.Count > 0)
        {
            CurvePlotter.Save(Path.Combine(directory, CurvesFile), history);
        }
    }

    /// <summary>The model card a run hands the exporter: its name, preprocessing, calibration and provenance (the
    /// exporter completes what only the graph knows).</summary>
    internal static ModelCard Card(TrainingRequest request, PreprocessSpec spec, RunCalibration calibration, string manifestSha256, string trainedUtc) => new()
    {
        Name = request.ModelName,
        Version = $"{typeof(TrainingRun).Assembly.GetName().Version?.ToString(3)}+{trainedUtc[..10]}",
        Preprocess = spec,
        Threshold = calibration.Threshold,
        ThresholdPolicy = calibration.Policy.ToString(),
        Temperature = calibration.Temperature,
        TrainedUtc = trainedUtc,
        ManifestSha256 = manifestSha256,
        ValidationMetricsJson = JsonSerializer.Serialize(calibration.Metrics, TrainingJson.Compact),
        TrainCommand = request.CommandLine,
        TrainOptionsJson = JsonSerializer.Serialize(request.Options, TrainingJson.Compact),
    };

    /// <summary>The train and validation records the request names, patient-grouped and leakage-free.</summary>
    public static (IReadOnlyList<ImageRecord> Train, IReadOnlyList<ImageRecord> Validation) SelectSplit(TrainingRequest request)
    {
        if (request.ManifestPath is { } manifest)
        {
            var rows = Manifest.Read(manifest);
            var train = rows.Where(r => r.Split == SplitNames.Train).ToList();
            var validation = rows.Where(r => r.Split == SplitNames.Validation).ToList();
            if (train.Count == 0 || validation.Count == 0)
            {
                throw new InvalidDataException($"{manifest} needs rows with split 'train' and 'val' (it has {train.Count} and {validation.Count}).");
            }

            return (train, validation);
        }

        var records = TrainingFolder(request);
        var valPercent = request.ValidationFraction * 100;
        var split = new PatientGroupedSplitter(new SplitRatios(100 - valPercent, valPercent, 0), request.Options.Seed).Split(records);
        return (split.Where(r => r.Split == SplitNames.Train).ToList(), split.Where(r => r.Split == SplitNames.Validation).ToList());
    }

    /// <summary>The images of <see cref="TrainingRequest.DataRoot"/>'s training folder: a Kaggle layout's <c>train</c>
    /// split, or every image of a flat layout.</summary>
    internal static IReadOnlyList<ImageRecord> TrainingFolder(TrainingRequest request)
    {
        var root = request.DataRoot ?? throw new ArgumentException("Give --data ROOT or --manifest FILE.");
        var scan = DatasetScanner.Scan(root);
        var records = scan.Layout == DatasetLayout.Kaggle ? scan.Records.Where(r => r.Split == SplitNames.Train).ToList() : scan.Records.ToList();
        if (records.Count == 0)
        {
            throw new InvalidDataException($"No training images under {root}.");
        }

        return records;
    }
}
