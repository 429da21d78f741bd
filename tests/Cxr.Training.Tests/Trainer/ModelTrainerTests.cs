using Cxr.Core.Evaluation;
using Cxr.Training.Augmentation;
using Cxr.Training.Data;
using Cxr.Training.Models;
using Cxr.Training.Trainer;

namespace Cxr.Training.Tests.Trainer;

public sealed class ModelTrainerTests : IDisposable
{
    private static readonly Lazy<(ImageCache Train, ImageCache Validation)> Data = SmallSubset.TinySplit;
    private readonly string directory = Directory.CreateTempSubdirectory("cxr-trainer-").FullName;

    private static TrainingOptions Tiny => SmallSubset.TinyOptions;

    [Fact]
    public void A_few_steps_on_real_images_lower_the_loss_and_separate_the_classes()
    {
        var (train, _) = Data.Value;
        var options = Tiny with { Epochs = 1, StepsPerEpoch = 40, Schedule = LearningRateScheduleKind.Constant, Augmentation = AugmentationOptions.None };
        var recorder = new StopAtStep(int.MaxValue, null);
        var trainer = new ModelTrainer(options, Path.Combine(directory, "a"), recorder);
        using var model = trainer.CreateModel();
        trainer.Train(model, train, train, resume: false, CancellationToken.None);
        var first = recorder.Losses.Take(5).Average();
        var last = recorder.Losses.TakeLast(5).Average();
        Assert.True(last < first * 0.8, $"training loss went from {first:F4} to {last:F4}");
        var auc = RocAnalysis.Auc(train.Labels, ModelTrainer.PredictLogits(model, train));
        Assert.True(auc > 0.85, $"AUC on the images it trained on is only {auc:F3}");
    }

    [Fact]
    public void Same_seed_and_threads_give_identical_weights()
    {
        var (train, validation) = Data.Value;
        var first = TrainAndRead(Tiny, train, validation, "one");
        var second = TrainAndRead(Tiny, train, validation, "two");
        Assert.Equal(first, second);
    }

    [Fact]
    public void Resume_continues_from_the_saved_step_and_ends_where_an_uninterrupted_run_ends()
    {
        var (train, validation) = Data.Value;
        var uninterrupted = TrainAndRead(Tiny, train, validation, "full");

        var dir = Path.Combine(directory, "interrupted");
        using var cancel = new CancellationTokenSource();
        var stopAt = new StopAtStep(8, cancel);
        var trainer = new ModelTrainer(Tiny, dir, stopAt);
        using (var model = trainer.CreateModel())
        {
            var outcome = trainer.Train(model, train, validation, resume: false, cancel.Token);
            Assert.True(outcome.Interrupted);
            Assert.Equal(8, outcome.GlobalStep);
        }

        var recorder = new StopAtStep(int.MaxValue, null);
        var resumed = new ModelTrainer(Tiny, dir, recorder);
        using var resumedModel = resumed.CreateModel();
        var final = resumed.Train(resumedModel, train, validation, resume: true, CancellationToken.None);
        Assert.Equal(9, recorder.FirstStepSeen);
        Assert.Equal(12, final.GlobalStep);
        Assert.Equal(2, final.History.Count);
        resumedModel.load(Path.Combine(dir, ModelTrainer.CheckpointFile));
        Assert.Equal(uninterrupted, Weights(resumedModel));
    }

    [Fact]
    public void Resuming_with_another_network_or_augmentation_is_refused_before_any_weights_load()
    {
        var (train, validation) = Data.Value;
        var dir = Path.Combine(directory, "made");
        TrainAndRead(Tiny, train, validation, "made");
        var before = File.ReadAllBytes(Path.Combine(dir, ModelTrainer.CheckpointFile));

        var other = Tiny with { Net = Tiny.Net with { StandardizeIgnoresBlack = true }, Augmentation = Tiny.Augmentation with { FrameProbability = 0.6 }, Threads = 2 };
        var trainer = new ModelTrainer(other, dir);
        using var model = trainer.CreateModel();
        var error = Assert.Throws<InvalidDataException>(() => trainer.Train(model, train, validation, resume: true, CancellationToken.None));

        Assert.Equal(
            $"The checkpoint in {dir} was made with other settings than this run's (net.standardizeIgnoresBlack: false (this run: true); "
            + "augmentation.frameProbability: 0 (this run: 0.6)); resume with the same command, or train without --resume.",
            error.Message);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(dir, ModelTrainer.CheckpointFile)));
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private float[] TrainAndRead(TrainingOptions options, ImageCache train, ImageCache validation, string name)
    {
        var dir = Path.Combine(directory, name);
        var trainer = new ModelTrainer(options, dir);
        using var model = trainer.CreateModel();
        trainer.Train(model, train, validation, resume: false, CancellationToken.None);
        // Compare the last weights (checkpoint.bin), not the best-epoch weights the model ends with.
        model.load(Path.Combine(dir, ModelTrainer.CheckpointFile));
        return Weights(model);
    }

    private static float[] Weights(CxrModel model) =>
        model.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray();

    private sealed class StopAtStep(int step, CancellationTokenSource? cancel) : ITrainingObserver
    {
        public long FirstStepSeen { get; private set; } = -1;

        public List<double> Losses { get; } = [];

        public void OnStep(TrainingStepInfo info)
        {
            Losses.Add(info.Loss);
            if (FirstStepSeen < 0)
            {
                FirstStepSeen = info.GlobalStep;
            }

            if (info.GlobalStep == step)
            {
                cancel?.Cancel();
            }
        }

        public void OnPhase(string phase, int total = 0)
        {
        }

        public void OnPhaseProgress(int done)
        {
        }

        public void OnEpoch(EpochRecord record)
        {
        }

        public void OnMessage(string message)
        {
        }
    }
}
