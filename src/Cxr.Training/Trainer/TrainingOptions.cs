using Cxr.Core.Imaging;
using Cxr.Training.Augmentation;
using Cxr.Training.Models;

namespace Cxr.Training.Trainer;

/// <summary>Everything that determines a training run. Two runs with equal options, data, seed and thread count on the
/// same machine produce the same weights.</summary>
public sealed record TrainingOptions
{
    public string Architecture { get; init; } = CxrNet.ArchitectureId;

    /// <summary>Square input size S.</summary>
    public int InputSize { get; init; } = 224;

    /// <summary>Contrast normalisation of every resized image, in training and (through the model's preprocessing spec)
    /// in serving: none (the default), global histogram equalisation or CLAHE. Augmentation acts on the result.</summary>
    public ContrastStep Contrast { get; init; } = ContrastStep.None;

    /// <summary>Dark-border trim of every decoded film before the resize, in training and (through the model's
    /// preprocessing spec) in serving: none (the default) or <see cref="BorderTrim.Dark"/>. Augmentation acts on the
    /// trimmed, resized film.</summary>
    public BorderTrim Trim { get; init; } = BorderTrim.None;

    /// <summary>Shape of cxrnet (ignored for seed-cnn); <see cref="CxrNetOptions.InputSize"/> is overridden by <see cref="InputSize"/>.</summary>
    public CxrNetOptions Net { get; init; } = new();

    public int Epochs { get; init; } = 12;

    /// <summary>Batches per epoch (an epoch here is a fixed number of steps, as in the notebook's steps_per_epoch).</summary>
    public int StepsPerEpoch { get; init; } = 160;

    public int BatchSize { get; init; } = 32;

    public OptimizerKind Optimizer { get; init; } = OptimizerKind.AdamW;

    public LearningRateScheduleKind Schedule { get; init; } = LearningRateScheduleKind.OneCycle;

    /// <summary>Peak learning rate.</summary>
    public double LearningRate { get; init; } = 2e-3;

    public double WeightDecay { get; init; } = 5e-4;

    /// <summary>Half of every batch from each class.</summary>
    public bool Balanced { get; init; } = true;

    public AugmentationOptions Augmentation { get; init; } = new();

    /// <summary>Label smoothing ε of the training loss: targets become ε/2 and 1 − ε/2 instead of 0 and 1, so the loss
    /// stops rewarding ever larger logits. 0 = off. The validation loss and calibration always use the hard labels.</summary>
    public double LabelSmoothing { get; init; }

    /// <summary>Decay of an exponential moving average of the weights, in (0, 1) (e.g. 0.999); 0 = off. When on, after
    /// every optimiser step shadow ← d·shadow + (1 − d)·weights with d = min(EmaDecay, (1 + t) / (10 + t)) at 0-based
    /// step t, and the shadow is what is validated, kept as the best epoch, calibrated, guarded and exported (see
    /// <see cref="ExponentialMovingAverage"/>).</summary>
    public double EmaDecay { get; init; }

    /// <summary>Mixup's α: a mixed batch blends each image and its target with a partner of the same batch, by a weight
    /// λ ~ Beta(α, α) (e.g. 0.2); 0 = off. See <see cref="BatchMixup"/>.</summary>
    public double MixupAlpha { get; init; }

    /// <summary>Share of batches that are mixed when <see cref="MixupAlpha"/> is on, in [0, 1].</summary>
    public double MixupProbability { get; init; } = 1;

    /// <summary>Weight λ of the consistency loss; 0 = off. When on, every step also runs each augmented film's tighter view
    /// (<see cref="TightFieldView"/>: a crop keeping 0.7–0.95 of each side, or a black frame of 3–12 %) through the
    /// model in the same batch, and adds λ · mean((tight logit − whole film's logit)²) to the loss, with no gradient
    /// into the whole film's logit (<see cref="ConsistencyLoss"/>). It costs a second forward and backward pass.</summary>
    public double ConsistencyWeight { get; init; }

    /// <summary>Stop after this many epochs without a better validation AUC; 0 disables early stopping.</summary>
    public int EarlyStoppingPatience { get; init; } = 6;

    /// <summary>How the operating threshold is chosen on validation: "youden" or "sensitivity:0.95".</summary>
    public string ThresholdPolicy { get; init; } = "youden";

    /// <summary>Percentile of the training films' feature distances at which the input guard's out-of-distribution
    /// threshold is set, in (50, 100].</summary>
    public double GuardPercentile { get; init; } = 99.5;

    public int Seed { get; init; } = 42;

    /// <summary>Intra-op threads for libtorch.</summary>
    public int Threads { get; init; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Name of the preset these options started from, for the record.</summary>
    public string Preset { get; init; } = "custom";

    /// <summary>What the model trained with these options sees, and so its preprocessing spec: <see cref="InputSize"/>
    /// square, stretched, one gray channel, with <see cref="Trim"/> before the resize and <see cref="Contrast"/> after it. Every run (single or ensemble) decodes and exports
    /// with this one spec.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public PreprocessSpec Preprocess => new(InputSize, ResizeMode.Stretch, 1) { Contrast = Contrast, Trim = Trim };

    /// <summary>Total optimisation steps.</summary>
    public long TotalSteps => (long)Epochs * StepsPerEpoch;
}
