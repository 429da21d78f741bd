using Cxr.Training.Data;
using Cxr.Training.Trainer;
using static Cxr.Training.Tests.Trainer.TrainerRuns;

namespace Cxr.Training.Tests.Trainer;

/// <summary>The trainer with framing by class (<see cref="Augmentation.AugmentationOptions.PneumoniaZoomOutProbability"/>):
/// the batch's labels reach the augmentation, so the steps change, repeat exactly and resume exactly.</summary>
public sealed class ModelTrainerFramingByClassTests : IDisposable
{
    private static readonly Lazy<(ImageCache Train, ImageCache Validation)> Data = SmallSubset.TinySplit;
    private readonly string directory = Directory.CreateTempSubdirectory("cxr-framing-by-class-").FullName;

    private static TrainingOptions Framed => SmallSubset.TinyOptions with
    {
        Augmentation = TrainingPresets.RobustRecipe.Augmentation with { CropMinArea = 0.45, ZoomOutProbability = 0.25 },
    };

    private static TrainingOptions ByClass => Framed with
    {
        Augmentation = Framed.Augmentation with { ZoomOutProbability = 0.1, PneumoniaZoomOutProbability = 0.4 },
    };

    [Fact]
    public void Framing_by_class_changes_the_steps_of_one_share_for_both_and_is_reproducible()
    {
        var (train, validation) = Data.Value;
        Train(Framed, Path.Combine(directory, "one-share"), train, validation);
        Train(ByClass, Path.Combine(directory, "one"), train, validation);
        Train(ByClass, Path.Combine(directory, "two"), train, validation);
        Assert.Equal(LastState(Path.Combine(directory, "one")), LastState(Path.Combine(directory, "two")));
        Assert.NotEqual(LastState(Path.Combine(directory, "one-share")), LastState(Path.Combine(directory, "one")));
    }

    [Fact]
    public void Resume_with_framing_by_class_ends_where_an_uninterrupted_run_ends()
    {
        var (train, validation) = Data.Value;
        AssertResumeEndsWhereAnUninterruptedRunEnds(ByClass, directory, train, validation);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
