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
}
