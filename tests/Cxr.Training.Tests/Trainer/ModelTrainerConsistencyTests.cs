using Cxr.Training.Data;
using Cxr.Training.Trainer;
using static Cxr.Training.Tests.Trainer.TrainerRuns;

namespace Cxr.Training.Tests.Trainer;

/// <summary>The trainer with the consistency loss on: it changes the steps, repeats them exactly, resumes exactly, and
/// refuses a checkpoint made with another weight or a weight that is not one.</summary>
public sealed class ModelTrainerConsistencyTests : IDisposable
{
    private static readonly Lazy<(ImageCache Train, ImageCache Validation)> Data = SmallSubset.TinySplit;
    private readonly string directory = Directory.CreateTempSubdirectory("cxr-consistency-").FullName;

    private static TrainingOptions Tiny => SmallSubset.TinyOptions;

    private static TrainingOptions WithConsistency => Tiny with { ConsistencyWeight = 0.25 };

    [Fact]
    public void The_consistency_loss_changes_the_steps_and_is_reproducible()
    {
        var (train, validation) = Data.Value;
        AssertReproducibleAndNotTheBaseline(WithConsistency, directory, train, validation);
    }

    [Fact]
    public void Resume_with_the_consistency_loss_on_ends_where_an_uninterrupted_run_ends()
    {
        var (train, validation) = Data.Value;
        AssertResumeEndsWhereAnUninterruptedRunEnds(WithConsistency, directory, train, validation);
    }

    [Fact]
    public void Resuming_with_another_consistency_weight_is_refused_with_the_settings_to_use()
    {
        var (train, validation) = Data.Value;
        var dir = Path.Combine(directory, "made");
        Train(Tiny with { Epochs = 1 }, dir, train, validation);

        var trainer = new ModelTrainer(WithConsistency, dir);
        using var model = trainer.CreateModel();
        var error = Assert.Throws<InvalidDataException>(() => trainer.Train(model, train, validation, resume: true, CancellationToken.None));
        Assert.Equal(
            $"The checkpoint in {dir} was made with --ema 0 --mixup 0; resume with the same settings (this run has --ema 0 --mixup 0 --consistency 0.25).",
            error.Message);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_consistency_weight_that_is_negative_or_not_finite_is_refused(double weight)
    {
        var (train, validation) = Data.Value;
        var trainer = new ModelTrainer(Tiny with { ConsistencyWeight = weight }, Path.Combine(directory, "bad"));
        using var model = trainer.CreateModel();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Train(model, train, validation, resume: false, CancellationToken.None));
        Assert.StartsWith("The consistency weight must be finite and ≥ 0 (0 turns it off).", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
