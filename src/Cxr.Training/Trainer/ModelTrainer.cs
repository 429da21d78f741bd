using Cxr.Training.Data;
using Cxr.Training.Models;
using Cxr.Training.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Cxr.Training.Trainer;

/// <summary>
/// The training loop: balanced, augmented batches from an <see cref="ImageCache"/>, AdamW or RMSprop with a step-based
/// schedule, validation every epoch, best (by validation AUC) and last checkpoints, early stopping, resume and clean
/// cancellation. Each step runs in its own dispose scope, so tensor memory does not grow across epochs. With
/// <see cref="TrainingOptions.EmaDecay"/> on, an <see cref="ExponentialMovingAverage"/> of the weights is what each epoch
/// validates, what <c>best.bin</c> keeps and what the trained model holds on return.
/// </summary>
/// <remarks>The parts: <see cref="TrainingSession"/> (the epoch loop), <see cref="TrainingStep"/> (one optimisation step),
/// <see cref="BestEpochTracker"/> (best epoch and early stop), <see cref="CheckpointStore"/> (the files).</remarks>
public sealed class ModelTrainer
{
    public const string CheckpointFile = "checkpoint.bin";
    public const string OptimizerFile = "optimizer.bin";
    public const string StateFile = "checkpoint.json";
    public const string BestWeightsFile = "best.bin";
    public const string EmaWeightsFile = "ema.bin";

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
    /// On return the model is in eval mode and holds the best weights (or the last, when no epoch finished); with the
    /// moving average on, those are the shadow's weights (the best epoch's, or the last).
    /// </summary>
    public TrainingOutcome Train(CxrModel model, ImageCache train, ImageCache validation, bool resume, CancellationToken cancellationToken)
    {
        GlibcHeap.KeepFreedMemoryForReuse();
        torch.set_num_threads(options.Threads);
        Directory.CreateDirectory(outputDirectory);
        using var optimizer = CreateOptimizer(model);
        // Before the reseed below: building the shadow draws initial weights from the global generator (then overwritten).
        using var average = CreateAverage(model);
        var state = resume ? Resume(model, optimizer, average) : new CheckpointState { Options = options };
        var step = new TrainingStep(model, optimizer, train, options, average);
        // Replay the random stream up to the saved step so a resumed run sees the same batches it would have seen.
        step.Replay(state.GlobalStep);
        torch.manual_seed(options.Seed + state.GlobalStep);
        var outcome = new TrainingSession(options, observer, checkpoints, model, optimizer, step, validation, state, average).Run(cancellationToken);
        average?.CopyTo(model);
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

    private CheckpointState Resume(CxrModel model, optim.Optimizer optimizer, ExponentialMovingAverage? average)
    {
        var state = checkpoints.Load(model, optimizer, average);
        observer.OnMessage($"Resumed from step {state.GlobalStep} (epoch {state.EpochsCompleted} done).");
        return state;
    }

    /// <summary>The weights' moving average, starting from <paramref name="model"/>'s weights; null when off.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The decay is neither 0 nor in (0, 1).</exception>
    private ExponentialMovingAverage? CreateAverage(CxrModel model)
    {
        if (options.EmaDecay == 0)
        {
            return null;
        }

        CxrModel? shadow = null;
        try
        {
            shadow = ModelFactory.Create(options.Architecture, options.InputSize, options.Net);
            var average = new ExponentialMovingAverage(model, shadow, options.EmaDecay);
            shadow = null;
            return average;
        }
        finally
        {
            shadow?.Dispose();
        }
    }

    private optim.Optimizer CreateOptimizer(CxrModel model) => options.Optimizer switch
    {
        OptimizerKind.RmsProp => optim.RMSProp(model.parameters(), options.LearningRate, alpha: 0.9, eps: 1e-7, weight_decay: options.WeightDecay),
        _ => optim.AdamW(model.parameters(), options.LearningRate, weight_decay: options.WeightDecay),
    };
}
