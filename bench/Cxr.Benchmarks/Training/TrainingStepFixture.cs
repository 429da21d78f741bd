using Cxr.Core.Data;
using Cxr.Core.Imaging;
using Cxr.Training.Augmentation;
using Cxr.Training.Data;
using Cxr.Training.Models;
using Cxr.Training.Trainer;
using TorchSharp;
using static TorchSharp.torch;

namespace Cxr.Benchmarks.Training;

/// <summary>One preset's model, optimiser and a 256-image synthetic cache at 2 threads and batch 32, for benchmarks of
/// one training step: <see cref="FullStep"/> is what the trainer does per step (cache → float batch → augmentation →
/// forward → loss → backward → AdamW), <see cref="RawForwardBackward"/> is libtorch alone on a batch built once.</summary>
public sealed class TrainingStepFixture : IDisposable
{
    public const int Batch = 32;
    private readonly CxrModel model;
    private readonly optim.Optimizer optimizer;
    private readonly ImageCache cache;
    private readonly BatchSampler sampler;
    private readonly BatchAugmenter augmenter;
    private readonly Random random = new(5);
    private readonly Tensor fixedBatch;
    private readonly Tensor fixedLabels;
    private readonly int[] indices = new int[Batch];

    /// <param name="architecture">cxrnet (the default preset) or seed-cnn (the notebook preset).</param>
    public TrainingStepFixture(string architecture)
    {
        torch.set_num_threads(2);
        torch.manual_seed(1);
        var options = architecture == CxrNet.ArchitectureId ? TrainingPresets.DefaultRecipe : TrainingPresets.NotebookRecipe;
        model = ModelFactory.Create(options.Architecture, options.InputSize, options.Net);
        model.train();
        optimizer = optim.AdamW(model.parameters(), 1e-3);
        var size = options.InputSize;
        const int count = 256;
        var pixels = new byte[count * size * size];
        new Random(3).NextBytes(pixels);
        var records = Enumerable.Range(0, count)
            .Select(i => new ImageRecord($"synthetic-{i}", i % 2 == 0 ? CxrLabel.Normal : CxrLabel.Pneumonia, "unknown", $"p{i}", "", "train"))
            .ToList();
        cache = ImageCache.FromPixels(records, new PreprocessSpec(size), pixels);
        sampler = new BatchSampler(cache.Labels, balanced: true);
        augmenter = new BatchAugmenter(options.Augmentation);
        sampler.Next(indices, random);
        fixedBatch = cache.Batch(indices);
        fixedLabels = cache.LabelBatch(indices);
    }

    /// <summary>One trainer step on a freshly sampled, augmented batch; returns the loss.</summary>
    public float FullStep()
    {
        using var scope = NewDisposeScope();
        sampler.Next(indices, random);
        var batch = augmenter.Apply(cache.Batch(indices), random);
        return Optimise(batch, cache.LabelBatch(indices));
    }

    /// <summary>Forward, loss, backward and AdamW on the batch built once; returns the loss.</summary>
    public float RawForwardBackward()
    {
        using var scope = NewDisposeScope();
        return Optimise(fixedBatch, fixedLabels);
    }

    private float Optimise(Tensor batch, Tensor labels)
    {
        var loss = nn.functional.binary_cross_entropy_with_logits(model.call(batch), labels);
        optimizer.zero_grad();
        loss.backward();
        optimizer.step();
        return loss.item<float>();
    }

    public void Dispose()
    {
        fixedBatch.Dispose();
        fixedLabels.Dispose();
        optimizer.Dispose();
        model.Dispose();
    }
}
