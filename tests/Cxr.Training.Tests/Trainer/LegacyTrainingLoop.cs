using Cxr.Training.Augmentation;
using Cxr.Training.Data;
using Cxr.Training.Models;
using Cxr.Training.Trainer;
using TorchSharp;
using static TorchSharp.torch;

namespace Cxr.Training.Tests.Trainer;

/// <summary>
/// The optimisation steps of the trainer as they were before the weights' moving average and mixup existed, written out
/// in one place (seeding, batch sampling, augmentation, label smoothing, BCE, AdamW with the one-cycle rate), so a test can
/// prove that with both off the trainer still takes exactly these steps. Validation between epochs changes no weight and
/// draws no random number, so it is left out.
/// </summary>
internal static class LegacyTrainingLoop
{
    /// <summary>Trains a fresh model for <see cref="TrainingOptions.TotalSteps"/> steps; returns every parameter and buffer value.</summary>
    public static float[] Train(TrainingOptions options, ImageCache train)
    {
        torch.set_num_threads(options.Threads);
        torch.manual_seed(options.Seed);
        using var model = ModelFactory.Create(options.Architecture, options.InputSize, options.Net);
        using var optimizer = optim.AdamW(model.parameters(), options.LearningRate, weight_decay: options.WeightDecay);
        var random = new Random(options.Seed);
        var sampler = new BatchSampler(train.Labels, options.Balanced);
        var augmenter = new BatchAugmenter(options.Augmentation);
        var indices = new int[options.BatchSize];
        torch.manual_seed(options.Seed);
        model.train();
        for (long step = 0; step < options.TotalSteps; step++)
        {
            var learningRate = LearningRateSchedule.At(options.Schedule, options.LearningRate, step, options.TotalSteps);
            foreach (var group in optimizer.ParamGroups)
            {
                group.LearningRate = learningRate;
            }

            sampler.Next(indices, random);
            using var scope = NewDisposeScope();
            var augmented = augmenter.Apply(train.Batch(indices), random);
            var labels = train.LabelBatch(indices);
            var targets = options.LabelSmoothing == 0 ? labels : (labels * (1 - options.LabelSmoothing)) + (options.LabelSmoothing / 2);
            var loss = nn.functional.binary_cross_entropy_with_logits(model.call(augmented), targets);
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
        }

        return State(model);
    }

    /// <summary>Every parameter, then every buffer, flattened as float.</summary>
    public static float[] State(CxrModel model)
    {
        using var scope = NewDisposeScope();
        return model.parameters().Select(p => (Tensor)p).Concat(model.buffers())
            .SelectMany(t => t.to_type(ScalarType.Float32).data<float>().ToArray())
            .ToArray();
    }
}
