using Cxr.Training.Augmentation;
using Cxr.Training.Models;

namespace Cxr.Training.Trainer;

/// <summary>Named starting points for <see cref="TrainingOptions"/>; command-line flags override single fields.</summary>
public static class TrainingPresets
{
    public const string Notebook = "notebook";
    public const string Default = "default";
    public const string Robust = "robust";

    public static IReadOnlyList<string> Names { get; } = [Default, Robust, Notebook];

    /// <summary>The original notebook's recipe: seed-cnn at 150 px, RMSprop 1e-4, batch 32, 30 epochs × 100 steps,
    /// plain binary cross-entropy, no augmentation, no class balancing.</summary>
    public static TrainingOptions NotebookRecipe { get; } = new()
    {
        Preset = Notebook,
        Architecture = SeedCnn.ArchitectureId,
        InputSize = SeedCnn.DefaultInputSize,
        Epochs = 30,
        StepsPerEpoch = 100,
        BatchSize = 32,
        Optimizer = OptimizerKind.RmsProp,
        Schedule = LearningRateScheduleKind.Constant,
        LearningRate = 1e-4,
        WeightDecay = 0,
        Balanced = false,
        Augmentation = AugmentationOptions.None,
        EarlyStoppingPatience = 0,
    };

    /// <summary>The committed default model's recipe (docs/training.md explains the choice). Its operating point is the
    /// highest threshold that keeps 95 % validation sensitivity rather than Youden's: the held-out test split is known to
    /// over-call NORMAL films (shifted towards pneumonia), and the official val folder shows the same shift.</summary>
    public static TrainingOptions DefaultRecipe { get; } = new() { Preset = Default, ThresholdPolicy = "sensitivity:0.95" };

    /// <summary>The default recipe plus the framing, occlusion and acquisition levers and label smoothing, at
    /// magnitudes chosen before any measurement from the robustness catalogue's ranges (docs/training.md,
    /// "Augmentation levers"): each covers the catalogue's change with some margin, none is tuned on test-dev.</summary>
    public static TrainingOptions RobustRecipe { get; } = DefaultRecipe with
    {
        Preset = Robust,
        LabelSmoothing = 0.05,
        Augmentation = new AugmentationOptions
        {
            // Crops down to 60 % of the area (a 0.77 field at aspect 1) cover fov-narrow's 0.8 and zoom-in's 0.9 ...
            CropMinArea = 0.6,
            CropMaxAspect = 4.0 / 3.0,
            // ... and zoom-out up to 1.3 covers fov-wide's 1.2 and zoom-out's 1.1, in black or in repeated edges.
            ZoomOutMax = 1.3,
            ZoomOutProbability = 0.5,
            EdgeFillProbability = 0.5,
            // border-8 is an 8 % frame on every side; up to 12 %, on all sides or on some.
            FrameProbability = 0.3,
            FrameMaxWidth = 0.12,
            // marker-white is 8 %, patch-black 15 % of the side.
            CornerPatchProbability = 0.3,
            CornerPatchMinSize = 0.05,
            CornerPatchMaxSize = 0.15,
            // gamma-0.8 and gamma-1.25 lie inside [1/1.4, 1.4].
            GammaMax = 1.4,
            // blur-1 and unsharp-1 (σ = 1 px, amount 1) lie inside σ ∈ [0.5, 1.5] px and amounts up to 1.5.
            BlurProbability = 0.25,
            SharpenProbability = 0.25,
            BlurSigmaMin = 0.5,
            BlurSigmaMax = 1.5,
            SharpenAmountMax = 1.5,
            // noise-5 is σ = 5/255 ≈ 0.020; up to 8/255.
            NoiseSigmaMax = 8.0 / 255,
        },
    };

    public static TrainingOptions Get(string name) => name.ToLowerInvariant() switch
    {
        Default => DefaultRecipe,
        Robust => RobustRecipe,
        Notebook => NotebookRecipe,
        _ => throw new ArgumentException($"Unknown preset '{name}'. Choose one of: {string.Join(", ", Names)}."),
    };
}
