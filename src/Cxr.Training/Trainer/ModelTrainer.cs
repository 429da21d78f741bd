using System.Diagnostics;
using System.Text.Json;
using Cxr.Core.Evaluation;
using Cxr.Training.Augmentation;
using Cxr.Training.Data;
using Cxr.Training.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Cxr.Training.Trainer;

/// <summary>
/// The training loop: balanced, augmented batches from an <see cref="ImageCache"/>, AdamW or RMSprop with a step-based
/// schedule, validation every epoch, best (by validation AUC) and last checkpoints, early stopping, resume and clean
/// cancellation. Each step runs in its own dispose scope, so tensor memory does not grow across epochs.
/// </summary>
public sealed class ModelTrainer
{
    public const string CheckpointFile = "checkpoint.bin";
    public const string OptimizerFile = "optimizer.bin";
    public const string StateFile = "checkpoint.json";
    public const string BestWeightsFile = "best.bin";

    private readonly TrainingOptions options;
    private readonly string outputDirectory;
    private readonly ITrainingObserver observer;

    public ModelTrainer(TrainingOptions options, string outputDirectory, ITrainingObserver? observer = null)
    {
        this.options = options;
        this.outputDirectory = outputDirectory;
        this.observer = observer ?? NullTrainingObserver.Instance;
    }

    /// <summary>Creates the model this run trains, seeded.</summary>
    public CxrModel CreateModel()
    {
        torch.manual_seed(options.Seed);
        return ModelFactory.Create(options.Architecture, options.InputSize, options.Net);
    }

    /// <summary>
    /// Trains <paramref name="model"/> on <paramref name="train"/>, validating on <paramref name="validation"/>. With
    /// <paramref name="resume"/>, continues from the checkpoint in the output directory. On cancellation the current step
    /// finishes, a checkpoint is written and the result says <see cref="TrainingOutcome.Interrupted"/>.
    /// On return the model holds the best weights (or the last, when no epoch finished).
    /// </summary>
    public TrainingOutcome Train(CxrModel model, ImageCache train, ImageCache validation, bool resume, CancellationToken cancellationToken)
    {
        torch.set_num_threads(options.Threads);
        Directory.CreateDirectory(outputDirectory);
        using var optimizer = CreateOptimizer(model);
        var state = new CheckpointState { Options = options };
        if (resume)
        {
            state = LoadCheckpoint(model, optimizer);
            observer.OnMessage($"Resumed from step {state.GlobalStep} (epoch {state.EpochsCompleted} done).");
        }

        var random = new Random(options.Seed);
        var sampler = new BatchSampler(train.Labels, options.Balanced);
        var augmenter = new BatchAugmenter(options.Augmentation);
        var indices = new int[options.BatchSize];
        // Replay the random stream up to the saved step so a resumed run sees the same batches it would have seen.
        for (long s = 0; s < state.GlobalStep; s++)
        {
            sampler.Next(indices, random);
            augmenter.Skip(random, indices.Length);
        }

        torch.manual_seed(options.Seed + state.GlobalStep);
        var history = state.History.ToList();
        var stopwatch = Stopwatch.StartNew();
        var elapsedBefore = state.ElapsedSeconds;
        var stepsThisSession = 0L;
        var interrupted = false;
        var stoppedEarly = false;
        var globalStep = state.GlobalStep;
        var lossSum = state.PartialEpochLossSum;

        for (var epoch = state.EpochsCompleted + 1; epoch <= options.Epochs && !interrupted; epoch++)
        {
            model.train();
            var epochWatch = Stopwatch.StartNew();
            var firstStep = (int)(globalStep - ((long)(epoch - 1) * options.StepsPerEpoch));
            if (firstStep == 0)
            {
                lossSum = 0;
            }

            var lr = options.LearningRate;
            for (var step = firstStep; step < options.StepsPerEpoch; step++)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    interrupted = true;
                    break;
                }

                lr = LearningRateSchedule.At(options.Schedule, options.LearningRate, globalStep, options.TotalSteps);
                foreach (var group in optimizer.ParamGroups)
                {
                    group.LearningRate = lr;
                }

                sampler.Next(indices, random);
                double loss;
                using (var scope = NewDisposeScope())
                {
                    var batch = train.Batch(indices);
                    var augmented = augmenter.Apply(batch, random);
                    var labels = train.LabelBatch(indices);
                    var logits = model.call(augmented);
                    var lossT = nn.functional.binary_cross_entropy_with_logits(logits, labels);
                    optimizer.zero_grad();
                    lossT.backward();
                    optimizer.step();
                    loss = lossT.item<float>();
                }

                if (!double.IsFinite(loss))
                {
                    throw new InvalidOperationException($"Training diverged at step {globalStep + 1} (loss {loss}). Lower --lr.");
                }

                lossSum += loss;
                globalStep++;
                stepsThisSession++;
                var seconds = stopwatch.Elapsed.TotalSeconds;
                var perStep = seconds / stepsThisSession;
                observer.OnStep(new TrainingStepInfo(
                    epoch,
                    options.Epochs,
                    step + 1,
                    options.StepsPerEpoch,
                    globalStep,
                    options.TotalSteps,
                    loss,
                    lr,
                    stepsThisSession * options.BatchSize / Math.Max(seconds, 1e-9),
                    TimeSpan.FromSeconds(elapsedBefore + seconds),
                    TimeSpan.FromSeconds(perStep * (options.TotalSteps - globalStep))));
            }

            if (interrupted)
            {
                SaveCheckpoint(model, optimizer, state with
                {
                    GlobalStep = globalStep,
                    PartialEpochLossSum = lossSum,
                    ElapsedSeconds = elapsedBefore + stopwatch.Elapsed.TotalSeconds,
                    History = history,
                });
                observer.OnMessage($"Interrupted: checkpoint saved at step {globalStep}. Continue with --resume.");
                break;
            }

            var trainSeconds = epochWatch.Elapsed.TotalSeconds;
            var val = Validate(model, validation);
            var isBest = val.Auc > state.BestAuc || (val.Auc == state.BestAuc && history.Count > 0 && val.Loss < history[state.BestEpoch - 1].ValidationLoss);
            using (var process = Process.GetCurrentProcess())
            {
                var record = new EpochRecord(
                    epoch,
                    lossSum / options.StepsPerEpoch,
                    val.Loss,
                    val.Counts.Accuracy,
                    val.Counts.Sensitivity,
                    val.Counts.Specificity,
                    val.Auc,
                    lr,
                    options.StepsPerEpoch * options.BatchSize / Math.Max(trainSeconds, 1e-9),
                    epochWatch.Elapsed.TotalSeconds,
                    process.WorkingSet64 / (1024.0 * 1024.0),
                    isBest);
                history.Add(record);
                observer.OnEpoch(record);
            }

            state = state with
            {
                GlobalStep = globalStep,
                EpochsCompleted = epoch,
                PartialEpochLossSum = 0,
                ElapsedSeconds = elapsedBefore + stopwatch.Elapsed.TotalSeconds,
                History = history,
                BestAuc = isBest ? val.Auc : state.BestAuc,
                BestEpoch = isBest ? epoch : state.BestEpoch,
                EpochsWithoutImprovement = isBest ? 0 : state.EpochsWithoutImprovement + 1,
            };
            if (isBest)
            {
                model.save(Path.Combine(outputDirectory, BestWeightsFile));
            }

            SaveCheckpoint(model, optimizer, state);
            if (options.EarlyStoppingPatience > 0 && state.EpochsWithoutImprovement >= options.EarlyStoppingPatience)
            {
                observer.OnMessage($"Early stop after epoch {epoch}: validation AUC has not improved for {options.EarlyStoppingPatience} epochs.");
                stoppedEarly = true;
                break;
            }
        }

        var bestPath = Path.Combine(outputDirectory, BestWeightsFile);
        if (state.BestEpoch > 0 && File.Exists(bestPath))
        {
            model.load(bestPath);
        }

        model.eval();
        return new TrainingOutcome(history, state.BestEpoch, interrupted, stoppedEarly, state.GlobalStep == 0 ? globalStep : Math.Max(globalStep, state.GlobalStep), elapsedBefore + stopwatch.Elapsed.TotalSeconds);
    }

    /// <summary>Eval-mode logits for every image of <paramref name="cache"/>, in order.</summary>
    public static double[] PredictLogits(CxrModel model, ImageCache cache, int batchSize = 64)
    {
        model.eval();
        var logits = new double[cache.Count];
        using var noGrad = no_grad();
        var indices = Enumerable.Range(0, cache.Count).ToArray();
        for (var start = 0; start < cache.Count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var count = Math.Min(batchSize, cache.Count - start);
            var output = model.call(cache.Batch(indices.AsSpan(start, count)));
            var values = output.data<float>().ToArray();
            for (var i = 0; i < count; i++)
            {
                logits[start + i] = values[i];
            }
        }

        return logits;
    }

    private ValidationResult Validate(CxrModel model, ImageCache validation)
    {
        var logits = PredictLogits(model, validation);
        var probabilities = logits.Select(l => TemperatureScaling.Apply(l, 1.0)).ToArray();
        var labels = validation.Labels;
        var loss = 0.0;
        for (var i = 0; i < logits.Length; i++)
        {
            // Numerically stable BCE with logits.
            var z = logits[i];
            loss += Math.Max(z, 0) - (z * labels[i]) + Math.Log(1 + Math.Exp(-Math.Abs(z)));
        }

        model.train();
        return new ValidationResult(
            loss / Math.Max(1, logits.Length),
            RocAnalysis.Auc(labels, probabilities),
            ConfusionCounts.From(labels, probabilities, 0.5));
    }

    private optim.Optimizer CreateOptimizer(CxrModel model) => options.Optimizer switch
    {
        OptimizerKind.RmsProp => optim.RMSProp(model.parameters(), options.LearningRate, alpha: 0.9, eps: 1e-7, weight_decay: options.WeightDecay),
        _ => optim.AdamW(model.parameters(), options.LearningRate, weight_decay: options.WeightDecay),
    };

    private void SaveCheckpoint(CxrModel model, optim.Optimizer optimizer, CheckpointState state)
    {
        // Write to temporary names and rename, so an interrupted save never leaves a half-written checkpoint.
        var weights = Path.Combine(outputDirectory, CheckpointFile);
        var optimizerPath = Path.Combine(outputDirectory, OptimizerFile);
        var statePath = Path.Combine(outputDirectory, StateFile);
        model.save(weights + ".tmp");
        SaveOptimizer(optimizer, optimizerPath + ".tmp");
        File.WriteAllText(statePath + ".tmp", JsonSerializer.Serialize(state, TrainingJson.Options));
        File.Move(weights + ".tmp", weights, overwrite: true);
        File.Move(optimizerPath + ".tmp", optimizerPath, overwrite: true);
        File.Move(statePath + ".tmp", statePath, overwrite: true);
    }

    private CheckpointState LoadCheckpoint(CxrModel model, optim.Optimizer optimizer)
    {
        var statePath = Path.Combine(outputDirectory, StateFile);
        if (!File.Exists(statePath))
        {
            throw new FileNotFoundException($"Nothing to resume: {statePath} does not exist. Train without --resume first.");
        }

        var state = JsonSerializer.Deserialize<CheckpointState>(File.ReadAllText(statePath), TrainingJson.Options)
            ?? throw new InvalidDataException($"{statePath} is empty.");
        if (state.Options is { } saved && (saved.Architecture != options.Architecture || saved.InputSize != options.InputSize || saved.BatchSize != options.BatchSize))
        {
            throw new InvalidOperationException(
                $"The checkpoint in {outputDirectory} was made with --arch {saved.Architecture} --size {saved.InputSize} --batch {saved.BatchSize}; resume with the same settings.");
        }

        model.load(Path.Combine(outputDirectory, CheckpointFile));
        LoadOptimizer(optimizer, Path.Combine(outputDirectory, OptimizerFile));
        return state with { Options = options };
    }

    private static void SaveOptimizer(optim.Optimizer optimizer, string path)
    {
        switch (optimizer)
        {
            case AdamW adamW:
                adamW.save_state_dict(path);
                break;
            case RMSProp rmsProp:
                rmsProp.save_state_dict(path);
                break;
            default:
                throw new NotSupportedException(optimizer.GetType().Name);
        }
    }

    private static void LoadOptimizer(optim.Optimizer optimizer, string path)
    {
        switch (optimizer)
        {
            case AdamW adamW:
                adamW.load_state_dict(path);
                break;
            case RMSProp rmsProp:
                rmsProp.load_state_dict(path);
                break;
            default:
                throw new NotSupportedException(optimizer.GetType().Name);
        }
    }

    private sealed record ValidationResult(double Loss, double Auc, ConfusionCounts Counts);
}
