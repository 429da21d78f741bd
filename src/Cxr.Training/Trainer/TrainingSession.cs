using System.Diagnostics;
using Cxr.Training.Data;
using Cxr.Training.Models;
using static TorchSharp.torch;

namespace Cxr.Training.Trainer;

/// <summary>
/// One call of <see cref="ModelTrainer.Train"/>: the epoch loop from the first unfinished step to the last epoch, an early
/// stop or a cancellation. An epoch runs its <see cref="TrainingStep"/>s in training mode, then validates in eval mode
/// (the <see cref="ExponentialMovingAverage"/>'s shadow when there is one), updates the <see cref="BestEpochTracker"/>
/// and writes the checkpoint.
/// </summary>
internal sealed class TrainingSession
{
    private readonly TrainingOptions options;
    private readonly ITrainingObserver observer;
    private readonly CheckpointStore checkpoints;
    private readonly CxrModel model;
    private readonly optim.Optimizer optimizer;
    private readonly TrainingStep step;
    private readonly ImageCache validation;
    private readonly ExponentialMovingAverage? average;
    private readonly BestEpochTracker best;
    private readonly List<EpochRecord> history;
    private readonly Stopwatch stopwatch = Stopwatch.StartNew();
    private readonly double elapsedBefore;
    private CheckpointState state;
    private long globalStep;
    private long stepsThisSession;
    private double lossSum;

    /// <remarks>The step must already be replayed to the state's step (see <see cref="TrainingStep.Replay"/>), and
    /// <paramref name="average"/> (null when off) must be the one the step updates.</remarks>
    public TrainingSession(
        TrainingOptions options, ITrainingObserver observer, CheckpointStore checkpoints, CxrModel model, optim.Optimizer optimizer,
        TrainingStep step, ImageCache validation, CheckpointState state, ExponentialMovingAverage? average = null)
    {
        this.options = options;
        this.observer = observer;
        this.checkpoints = checkpoints;
        this.model = model;
        this.optimizer = optimizer;
        this.step = step;
        this.validation = validation;
        this.average = average;
        this.state = state;
        best = BestEpochTracker.From(state, options.EarlyStoppingPatience);
        history = [.. state.History];
        elapsedBefore = state.ElapsedSeconds;
        globalStep = state.GlobalStep;
        lossSum = state.PartialEpochLossSum;
    }

    /// <summary>Training wall time, summed over resumed sessions.</summary>
    private double Elapsed => elapsedBefore + stopwatch.Elapsed.TotalSeconds;

    /// <summary>Trains the remaining epochs; the model is left with the last weights (the shadow with the last averages).</summary>
    public TrainingOutcome Run(CancellationToken cancellationToken)
    {
        for (var epoch = state.EpochsCompleted + 1; epoch <= options.Epochs; epoch++)
        {
            model.train();
            var epochWatch = Stopwatch.StartNew();
            var (completed, learningRate) = RunSteps(epoch, cancellationToken);
            if (!completed)
            {
                SaveInterrupted();
                return Outcome(interrupted: true, stoppedEarly: false);
            }

            model.eval();
            var isBest = Validate(epoch, learningRate, epochWatch);
            SaveEpoch(epoch, isBest);
            if (best.ShouldStop)
            {
                observer.OnMessage($"Early stop after epoch {epoch}: validation AUC has not improved for {options.EarlyStoppingPatience} epochs.");
                return Outcome(interrupted: false, stoppedEarly: true);
            }
        }

        return Outcome(interrupted: false, stoppedEarly: false);
    }

    /// <summary>The epoch's steps from where the run stands (mid-epoch after a resume) to its end. Returns false when
    /// cancelled before a step, and the learning rate of the last step run.</summary>
    private (bool Completed, double LearningRate) RunSteps(int epoch, CancellationToken cancellationToken)
    {
        var firstStep = (int)(globalStep - ((long)(epoch - 1) * options.StepsPerEpoch));
        if (firstStep == 0)
        {
            lossSum = 0;
        }

        var learningRate = options.LearningRate;
        for (var s = firstStep; s < options.StepsPerEpoch; s++)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return (false, learningRate);
            }

            (var loss, learningRate) = step.Run(globalStep);
            lossSum += loss;
            globalStep++;
            stepsThisSession++;
            observer.OnStep(StepInfo(epoch, s + 1, loss, learningRate));
        }

        return (true, learningRate);
    }

    private TrainingStepInfo StepInfo(int epoch, int stepOfEpoch, double loss, double learningRate)
    {
        var seconds = stopwatch.Elapsed.TotalSeconds;
        var perStep = seconds / stepsThisSession;
        return new TrainingStepInfo(
            epoch,
            options.Epochs,
            stepOfEpoch,
            options.StepsPerEpoch,
            globalStep,
            options.TotalSteps,
            loss,
            learningRate,
            stepsThisSession * options.BatchSize / Math.Max(seconds, 1e-9),
            TimeSpan.FromSeconds(elapsedBefore + seconds),
            TimeSpan.FromSeconds(perStep * (options.TotalSteps - globalStep)));
    }

    /// <summary>The model each epoch is judged and kept by: the moving average's shadow when on, else the trained model.</summary>
    private CxrModel Evaluated => average?.Model ?? model;

    /// <summary>Validates <see cref="Evaluated"/> (in eval mode), records and reports the epoch; returns whether it is the
    /// best so far.</summary>
    private bool Validate(int epoch, double learningRate, Stopwatch epochWatch)
    {
        var trainSeconds = epochWatch.Elapsed.TotalSeconds;
        var metrics = ValidationMetrics.Compute(Evaluated, validation);
        var isBest = best.Observe(epoch, metrics.Auc, metrics.Loss);
        using var process = Process.GetCurrentProcess();
        var record = new EpochRecord(
            epoch,
            lossSum / options.StepsPerEpoch,
            metrics.Loss,
            metrics.Counts.Accuracy,
            metrics.Counts.Sensitivity,
            metrics.Counts.Specificity,
            metrics.Auc,
            learningRate,
            options.StepsPerEpoch * options.BatchSize / Math.Max(trainSeconds, 1e-9),
            epochWatch.Elapsed.TotalSeconds,
            process.WorkingSet64 / (1024.0 * 1024.0),
            isBest);
        history.Add(record);
        observer.OnEpoch(record);
        return isBest;
    }

    /// <summary>Checkpoints a finished epoch: <c>best.bin</c> when it is the best, then the last weights and the state.</summary>
    private void SaveEpoch(int epoch, bool isBest)
    {
        state = state with
        {
            GlobalStep = globalStep,
            EpochsCompleted = epoch,
            PartialEpochLossSum = 0,
            ElapsedSeconds = Elapsed,
            History = history,
            BestAuc = best.BestAuc,
            BestEpoch = best.BestEpoch,
            EpochsWithoutImprovement = best.EpochsWithoutImprovement,
        };
        if (isBest)
        {
            checkpoints.SaveBest(Evaluated);
        }

        checkpoints.Save(model, optimizer, state, average);
    }

    /// <summary>Checkpoints mid-epoch, with the partial loss sum, so <c>--resume</c> continues at the next step.</summary>
    private void SaveInterrupted()
    {
        checkpoints.Save(
            model,
            optimizer,
            state with
            {
                GlobalStep = globalStep,
                PartialEpochLossSum = lossSum,
                ElapsedSeconds = Elapsed,
                History = history,
            },
            average);
        observer.OnMessage($"Interrupted: checkpoint saved at step {globalStep}. Continue with --resume.");
    }

    private TrainingOutcome Outcome(bool interrupted, bool stoppedEarly) =>
        new(history, best.BestEpoch, interrupted, stoppedEarly, globalStep, Elapsed);
}
