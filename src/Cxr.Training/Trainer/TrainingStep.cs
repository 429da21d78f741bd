using Cxr.Training.Augmentation;
using Cxr.Training.Data;
using Cxr.Training.Models;
using static TorchSharp.torch;

namespace Cxr.Training.Trainer;

/// <summary>One optimisation step: the scheduled learning rate, a balanced batch, augmentation, binary cross-entropy on
/// the logit, backward and optimiser step, all tensors in one dispose scope. Batches and augmentation draw from one
/// seeded random stream, so the step sequence is a function of the seed.</summary>
/// <remarks>The caller puts the model in training mode.</remarks>
internal sealed class TrainingStep
{
    private readonly CxrModel model;
    private readonly optim.Optimizer optimizer;
    private readonly ImageCache train;
    private readonly TrainingOptions options;
    private readonly BatchSampler sampler;
    private readonly BatchAugmenter augmenter;
    private readonly Random random;
    private readonly int[] indices;

    /// <exception cref="ArgumentOutOfRangeException">The label smoothing or an augmentation option is out of range.</exception>
    public TrainingStep(CxrModel model, optim.Optimizer optimizer, ImageCache train, TrainingOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.LabelSmoothing);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(options.LabelSmoothing, 0.5);
        this.model = model;
        this.optimizer = optimizer;
        this.train = train;
        this.options = options;
        random = new Random(options.Seed);
        sampler = new BatchSampler(train.Labels, options.Balanced);
        augmenter = new BatchAugmenter(options.Augmentation);
        indices = new int[options.BatchSize];
    }

    /// <summary>Draws the random stream of <paramref name="steps"/> steps without computing them, so a resumed run sees
    /// the same batches it would have seen.</summary>
    public void Replay(long steps)
    {
        for (long s = 0; s < steps; s++)
        {
            sampler.Next(indices, random);
            augmenter.Skip(random, indices.Length);
        }
    }

    /// <summary>Runs 0-based step <paramref name="globalStep"/>; returns its training loss and learning rate.</summary>
    /// <exception cref="InvalidOperationException">The loss is not finite (training diverged).</exception>
    public (double Loss, double LearningRate) Run(long globalStep)
    {
        var learningRate = LearningRateSchedule.At(options.Schedule, options.LearningRate, globalStep, options.TotalSteps);
        foreach (var group in optimizer.ParamGroups)
        {
            group.LearningRate = learningRate;
        }

        sampler.Next(indices, random);
        var loss = Optimize();
        if (!double.IsFinite(loss))
        {
            throw new InvalidOperationException($"Training diverged at step {globalStep + 1} (loss {loss}). Lower --lr.");
        }

        return (loss, learningRate);
    }

    private double Optimize()
    {
        using var scope = NewDisposeScope();
        var augmented = augmenter.Apply(train.Batch(indices), random);
        var labels = SmoothLabels(train.LabelBatch(indices), options.LabelSmoothing);
        var loss = nn.functional.binary_cross_entropy_with_logits(model.call(augmented), labels);
        optimizer.zero_grad();
        loss.backward();
        optimizer.step();
        // Read out before the scope disposes the tensor.
        return loss.item<float>();
    }

    /// <summary>0/1 targets moved to ε/2 and 1 − ε/2; with ε = 0 the labels themselves (the loss stays bit-identical).</summary>
    internal static Tensor SmoothLabels(Tensor labels, double epsilon) =>
        epsilon == 0 ? labels : (labels * (1 - epsilon)) + (epsilon / 2);
}
