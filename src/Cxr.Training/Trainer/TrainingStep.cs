using Cxr.Training.Augmentation;
using Cxr.Training.Data;
using Cxr.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Cxr.Training.Trainer;

/// <summary>One optimisation step: the scheduled learning rate, a balanced batch, augmentation, mixup when on, binary
/// cross-entropy on the logit (plus the consistency term between each film and its tighter view when on), backward, optimiser step and the weights' moving average when on, all tensors in one
/// dispose scope. Batches, augmentation, mixup and the tighter views draw from one seeded random stream, so the step sequence is a function
/// of the seed.</summary>
/// <remarks>The caller puts the model in training mode.</remarks>
internal sealed class TrainingStep
{
    private readonly CxrModel model;
    private readonly optim.Optimizer optimizer;
    private readonly ImageCache train;
    private readonly TrainingOptions options;
    private readonly BatchSampler sampler;
    private readonly BatchAugmenter augmenter;
    private readonly BatchMixup? mixup;
    private readonly ExponentialMovingAverage? average;
    private readonly Random random;
    private readonly int[] indices;

    /// <param name="model">The model to train (the caller puts it in training mode).</param>
    /// <param name="optimizer">The optimiser over <paramref name="model"/>'s parameters.</param>
    /// <param name="train">The training images.</param>
    /// <param name="options">The run's options (batch, schedule, augmentation, label smoothing, mixup, seed).</param>
    /// <param name="average">The weights' moving average to update after every optimiser step; null when off.</param>
    /// <exception cref="ArgumentOutOfRangeException">The label smoothing, the consistency weight, a mixup option or an augmentation option is out of range.</exception>
    public TrainingStep(CxrModel model, optim.Optimizer optimizer, ImageCache train, TrainingOptions options, ExponentialMovingAverage? average = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.LabelSmoothing);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(options.LabelSmoothing, 0.5);
        if (!(options.ConsistencyWeight >= 0 && double.IsFinite(options.ConsistencyWeight)))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.ConsistencyWeight, "The consistency weight must be finite and ≥ 0 (0 turns it off).");
        }

        this.model = model;
        this.optimizer = optimizer;
        this.train = train;
        this.options = options;
        random = new Random(options.Seed);
        sampler = new BatchSampler(train.Labels, options.Balanced);
        augmenter = new BatchAugmenter(options.Augmentation);
        mixup = CreateMixup(options);
        this.average = average;
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
            mixup?.Skip(random, indices.Length);
            if (options.ConsistencyWeight != 0)
            {
                TightFieldView.Skip(random, indices.Length);
            }
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
        var loss = Optimize(globalStep);
        if (!double.IsFinite(loss))
        {
            throw new InvalidOperationException($"Training diverged at step {globalStep + 1} (loss {loss}). Lower --lr.");
        }

        return (loss, learningRate);
    }

    private double Optimize(long globalStep)
    {
        using var scope = NewDisposeScope();
        var images = augmenter.Apply(train.Batch(indices), random, options.Augmentation.FramesByClass ? Array.ConvertAll(indices, i => train.Labels[i]) : null);
        var labels = train.LabelBatch(indices);
        if (mixup is not null)
        {
            (images, labels) = BatchMixup.Apply(images, labels, mixup.Draw(random, indices.Length));
        }

        // Smoothing is affine, so smoothing the mixed targets equals mixing the smoothed ones.
        var targets = SmoothLabels(labels, options.LabelSmoothing);
        var loss = options.ConsistencyWeight == 0
            ? nn.functional.binary_cross_entropy_with_logits(model.call(images), targets)
            : LossWithConsistency(images, targets);
        optimizer.zero_grad();
        loss.backward();
        optimizer.step();
        average?.Update(globalStep);
        // Read out before the scope disposes the tensor.
        return loss.item<float>();
    }

    /// <summary>The films and their tighter views in one batch of 2B (batch norm sees both): cross-entropy on the films'
    /// logits plus λ times the consistency term.</summary>
    private Tensor LossWithConsistency(Tensor images, Tensor targets)
    {
        var n = indices.Length;
        var views = TightFieldView.Apply(images, TightFieldView.Draw(random, n));
        var logits = model.call(cat([images, views], 0));
        var (whole, tight) = (logits.narrow(0, 0, n), logits.narrow(0, n, n));
        // An explicit, disposed Scalar: TorchSharp's implicit double → Scalar temporaries can be collected while libtorch reads them.
        using var weight = options.ConsistencyWeight.ToScalar();
        return nn.functional.binary_cross_entropy_with_logits(whole, targets) + ConsistencyLoss.Of(whole, tight).mul(weight);
    }

    /// <summary>The run's mixup, or null when <see cref="TrainingOptions.MixupAlpha"/> is 0 (then no value is drawn for it).</summary>
    /// <exception cref="ArgumentOutOfRangeException">α is negative or not finite, or the probability is outside [0, 1].</exception>
    private static BatchMixup? CreateMixup(TrainingOptions options) =>
        options.MixupAlpha == 0 ? null : new BatchMixup(options.MixupAlpha, options.MixupProbability);

    /// <summary>0/1 targets moved to ε/2 and 1 − ε/2; with ε = 0 the labels themselves (the loss stays bit-identical).</summary>
    internal static Tensor SmoothLabels(Tensor labels, double epsilon) =>
        epsilon == 0 ? labels : (labels * (1 - epsilon)) + (epsilon / 2);
}
