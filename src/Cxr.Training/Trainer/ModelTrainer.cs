using Cxr.Training.Data;
using Cxr.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Cxr.Training.Trainer;

/// <summary>
/// The training loop: balanced, augmented batches from an <see cref="ImageCache"/>, AdamW or RMSprop with a step-based
/// schedule, validation every epoch, best (by validation AUC) and last checkpoints, early stopping, resume and clean
/// cancellation. Each step runs in its own dispose scope, so tensor memory does not grow across epochs.
/// </summary>
/// <remarks>The parts: <see cref="TrainingSession"/> (the epoch loop), <see cref="TrainingStep"/> (one optimisation step),
/// <see cref="BestEpochTracker"/> (best epoch and early stop), <see cref="CheckpointStore"/> (the files).</remarks>
public sealed class ModelTrainer
{
    public const string CheckpointFile = "checkpoint.bin";
    public const string OptimizerFile = "optimizer.bin";
    public const string StateFile = "checkpoint.json";
    public const string BestWeightsFile = "best.bin";

    private readonly TrainingOptions options;
    private readonly string outputDirectory;
    private readonly ITrainingObserver observer;
    private readonly CheckpointStore checkpoints;

    public ModelTrainer(TrainingOptions options, string outputDirectory, ITrainingObserver? observer = null)
    {
        this.options = options;
        this.outputDirectory = outputDirectory;
        this.observer = observer ?? NullTrainingObserver.Instance;
        checkpoints = new CheckpointStore(outputDirectory, options);
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
    /// On return the model is in eval mode and holds the best weights (or the last, when no epoch finished).
    /// </summary>
    public TrainingOutcome Train(CxrModel model, ImageCache train, ImageCache validation, bool resume, CancellationToken cancellationToken)
    {
        torch.set_num_threads(options.Threads);
        Directory.CreateDirectory(outputDirectory);
        using var optimizer = CreateOptimizer(model);
        var state = resume ? Resume(model, optimizer) : new CheckpointState { Options = options };
        var step = new TrainingStep(model, optimizer, train, options);
        // Replay the random stream up to the saved step so a resumed run sees the same batches it would have seen.
        step.Replay(state.GlobalStep);
        torch.manual_seed(options.Seed + state.GlobalStep);
        var outcome = new TrainingSession(options, observer, checkpoints, model, optimizer, step, validation, state).Run(cancellationToken);
        checkpoints.LoadBest(model, outcome.BestEpoch);
        model.eval();
        return outcome;
    }

    /// <summary>Eval-mode logits for every image of <paramref name="cache"/>, in order. The model is returned to its
    /// previous mode.</summary>
    public static double[] PredictLogits(CxrModel model, ImageCache cache, int batchSize = 64)
    {
        using var evaluation = model.EvaluationMode();
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

    private CheckpointState Resume(CxrModel model, optim.Optimizer optimizer)
    {
        var state = checkpoints.Load(model, optimizer);
        observer.OnMessage($"Resumed from step {state.GlobalStep} (epoch {state.EpochsCompleted} done).");
        return state;
    }

    private optim.Optimizer CreateOptimizer(CxrModel model) => options.Optimizer switch
    {
        OptimizerKind.RmsProp => optim.RMSProp(model.parameters(), options.LearningRate, alpha: 0.9, eps: 1e-7, weight_decay: options.WeightDecay),
        _ => optim.AdamW(model.parameters(), options.LearningRate, weight_decay: options.WeightDecay),
    };
}
