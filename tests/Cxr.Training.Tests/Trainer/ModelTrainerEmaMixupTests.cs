using Cxr.Core.Evaluation;
using Cxr.Training.Data;
using Cxr.Training.Trainer;
using static Cxr.Training.Tests.Trainer.TrainerRuns;

namespace Cxr.Training.Tests.Trainer;

/// <summary>The trainer with the weights' moving average and mixup: off, it takes the steps it always took; on, the
/// shadow is what is validated and returned, and <c>--resume</c> continues both exactly.</summary>
public sealed class ModelTrainerEmaMixupTests : IDisposable
{
    private static readonly Lazy<(ImageCache Train, ImageCache Validation)> Data = SmallSubset.TinySplit;
    private readonly string directory = Directory.CreateTempSubdirectory("cxr-ema-mixup-").FullName;

    private static TrainingOptions Tiny => SmallSubset.TinyOptions;

    private static TrainingOptions WithBoth => Tiny with { EmaDecay = 0.9, MixupAlpha = 0.4, MixupProbability = 0.75 };

    public static TheoryData<string> OffRecipes => ["default", "robust"];

    [Theory]
    [MemberData(nameof(OffRecipes))]
    public void With_both_off_the_trainer_takes_exactly_the_steps_of_the_trainer_before_them(string recipe)
    {
        var (train, validation) = Data.Value;
        // Dropout on, so the global generator's stream must match too; the robust recipe adds the newer levers and smoothing.
        var preset = TrainingPresets.Get(recipe);
        var options = Tiny with
        {
            Net = Tiny.Net with { HeadDropout = 0.2 },
            Augmentation = preset.Augmentation,
            LabelSmoothing = preset.LabelSmoothing,
        };
        Assert.Equal(0, options.EmaDecay);
        Assert.Equal(0, options.MixupAlpha);

        var expected = LegacyTrainingLoop.Train(options, train);
        var dir = Path.Combine(directory, recipe);
        Train(options, dir, train, validation);
        Assert.Equal(expected, LastState(dir));
        Assert.False(File.Exists(Path.Combine(dir, ModelTrainer.EmaWeightsFile)));
    }

    [Fact]
    public void The_moving_average_leaves_the_trained_weights_alone_and_is_what_is_validated_and_returned()
    {
        var (train, validation) = Data.Value;
        // Enough steps at a constant rate for the weights to move well away from where the average lags.
        var options = Tiny with { Epochs = 1, StepsPerEpoch = 20, Schedule = LearningRateScheduleKind.Constant, Net = Tiny.Net with { HeadDropout = 0.2 } };
        var plainDir = Path.Combine(directory, "plain");
        Train(options, plainDir, train, validation);

        var emaDir = Path.Combine(directory, "ema");
        var recorder = new EpochRecorder();
        var trainer = new ModelTrainer(options with { EmaDecay = 0.9 }, emaDir, recorder);
        using var model = trainer.CreateModel();
        var outcome = trainer.Train(model, train, validation, resume: false, CancellationToken.None);
        Assert.Equal(1, outcome.BestEpoch);

        // The live weights follow the same steps with or without the average (the shadow draws nothing from any stream).
        Assert.Equal(LastState(plainDir), LastState(emaDir));
        // The model handed to calibration, the guard and the export holds the shadow (epoch 1 is the best and the last).
        var returned = LegacyTrainingLoop.State(model);
        Assert.Equal(Load(options, Path.Combine(emaDir, ModelTrainer.EmaWeightsFile)), returned);
        Assert.Equal(returned, Load(options, Path.Combine(emaDir, ModelTrainer.BestWeightsFile)));
        Assert.NotEqual(LastState(emaDir), returned);

        // The epoch's validation loss is the shadow's, not the live model's.
        using var shadow = LoadModel(options, Path.Combine(emaDir, ModelTrainer.EmaWeightsFile));
        using var live = LoadModel(options, Path.Combine(emaDir, ModelTrainer.CheckpointFile));
        var shadowLoss = TemperatureScaling.NegativeLogLikelihood(validation.Labels, ModelTrainer.PredictLogits(shadow, validation));
        var liveLoss = TemperatureScaling.NegativeLogLikelihood(validation.Labels, ModelTrainer.PredictLogits(live, validation));
        var record = Assert.Single(recorder.Epochs);
        Assert.Equal(shadowLoss, record.ValidationLoss, 12);
        Assert.True(Math.Abs(liveLoss - shadowLoss) > 1e-3, $"live and shadow losses ({liveLoss}, {shadowLoss}) are too close to tell apart");
    }

    [Fact]
    public void Mixup_changes_the_steps_and_is_reproducible()
    {
        var (train, validation) = Data.Value;
        AssertReproducibleAndNotTheBaseline(Tiny with { MixupAlpha = 0.4 }, directory, train, validation);
    }

    [Fact]
    public void Resume_with_both_on_ends_where_an_uninterrupted_run_ends()
    {
        var (train, validation) = Data.Value;
        var (fullDir, dir) = AssertResumeEndsWhereAnUninterruptedRunEnds(WithBoth, directory, train, validation);
        Assert.Equal(Load(WithBoth, Path.Combine(fullDir, ModelTrainer.EmaWeightsFile)), Load(WithBoth, Path.Combine(dir, ModelTrainer.EmaWeightsFile)));
    }

    [Fact]
    public void Resuming_with_another_ema_or_mixup_is_refused_with_the_settings_to_use()
    {
        var (train, validation) = Data.Value;
        var dir = Path.Combine(directory, "made");
        Train(Tiny with { Epochs = 1 }, dir, train, validation);

        var trainer = new ModelTrainer(Tiny with { EmaDecay = 0.99 }, dir);
        using var model = trainer.CreateModel();
        var error = Assert.Throws<InvalidDataException>(() => trainer.Train(model, train, validation, resume: true, CancellationToken.None));
        Assert.Equal(
            $"The checkpoint in {dir} was made with --ema 0 --mixup 0; resume with the same settings (this run has --ema 0.99 --mixup 0).",
            error.Message);
    }

    [Fact]
    public void An_ema_decay_outside_zero_to_one_is_refused()
    {
        var (train, validation) = Data.Value;
        var trainer = new ModelTrainer(Tiny with { EmaDecay = 1 }, Path.Combine(directory, "bad"));
        using var model = trainer.CreateModel();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Train(model, train, validation, resume: false, CancellationToken.None));
        Assert.StartsWith("The EMA decay must be in (0, 1), e.g. 0.999 (0 turns the EMA off).", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
