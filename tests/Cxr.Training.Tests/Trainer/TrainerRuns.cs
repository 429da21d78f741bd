using Cxr.Training.Data;
using Cxr.Training.Models;
using Cxr.Training.Trainer;

namespace Cxr.Training.Tests.Trainer;

/// <summary>Tiny trainer runs and the weights they leave in their run folder, for the tests that compare runs.</summary>
internal static class TrainerRuns
{
    /// <summary>Trains from scratch into <paramref name="dir"/>.</summary>
    public static void Train(TrainingOptions options, string dir, ImageCache train, ImageCache validation)
    {
        var trainer = new ModelTrainer(options, dir);
        using var model = trainer.CreateModel();
        trainer.Train(model, train, validation, resume: false, CancellationToken.None);
    }

    /// <summary>The last live weights and buffers of the tiny run in <paramref name="dir"/> (checkpoint.bin), flattened.</summary>
    public static float[] LastState(string dir) => Load(SmallSubset.TinyOptions, Path.Combine(dir, ModelTrainer.CheckpointFile));

    /// <summary>The weights and buffers in the weights file at <paramref name="path"/>, flattened.</summary>
    public static float[] Load(TrainingOptions options, string path)
    {
        using var model = LoadModel(options, path);
        return LegacyTrainingLoop.State(model);
    }

    /// <summary>A model of <paramref name="options"/>' shape with the weights at <paramref name="path"/>, in evaluation mode.</summary>
    public static CxrModel LoadModel(TrainingOptions options, string path)
    {
        var model = ModelFactory.Create(options.Architecture, options.InputSize, options.Net);
        model.load(path);
        model.eval();
        return model;
    }

    /// <summary>Asserts that two runs of <paramref name="options"/> end with the same weights and differ from a run of
    /// the tiny options without the lever under test.</summary>
    public static void AssertReproducibleAndNotTheBaseline(TrainingOptions options, string directory, ImageCache train, ImageCache validation)
    {
        Train(SmallSubset.TinyOptions, Path.Combine(directory, "off"), train, validation);
        Train(options, Path.Combine(directory, "one"), train, validation);
        Train(options, Path.Combine(directory, "two"), train, validation);
        Assert.Equal(LastState(Path.Combine(directory, "one")), LastState(Path.Combine(directory, "two")));
        Assert.NotEqual(LastState(Path.Combine(directory, "off")), LastState(Path.Combine(directory, "one")));
    }

    /// <summary>Trains <paramref name="options"/> uninterrupted into <c>full</c>, and interrupted after step 8 then
    /// resumed into <c>interrupted</c>; asserts the resumed run reaches step 12 with the same last weights and returns
    /// the uninterrupted run's best weights.</summary>
    /// <returns>The two run folders, to compare more of them.</returns>
    public static (string Full, string Interrupted) AssertResumeEndsWhereAnUninterruptedRunEnds(TrainingOptions options, string directory, ImageCache train, ImageCache validation)
    {
        var fullDir = Path.Combine(directory, "full");
        Train(options, fullDir, train, validation);

        var dir = Path.Combine(directory, "interrupted");
        using var cancel = new CancellationTokenSource();
        var trainer = new ModelTrainer(options, dir, new EpochRecorder(stopAt: 8, cancel));
        using (var model = trainer.CreateModel())
        {
            Assert.True(trainer.Train(model, train, validation, resume: false, cancel.Token).Interrupted);
        }

        var resumed = new ModelTrainer(options, dir);
        using var resumedModel = resumed.CreateModel();
        var final = resumed.Train(resumedModel, train, validation, resume: true, CancellationToken.None);
        Assert.Equal(12, final.GlobalStep);
        Assert.Equal(LastState(fullDir), LastState(dir));
        Assert.Equal(Load(options, Path.Combine(fullDir, ModelTrainer.BestWeightsFile)), LegacyTrainingLoop.State(resumedModel));
        return (fullDir, dir);
    }
}
