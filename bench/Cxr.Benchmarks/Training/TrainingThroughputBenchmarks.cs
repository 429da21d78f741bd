using BenchmarkDotNet.Attributes;
using Cxr.Core.Data;
using Cxr.Core.Imaging;
using Cxr.Training.Augmentation;
using Cxr.Training.Data;
using Cxr.Training.Models;
using Cxr.Training.Trainer;
using TorchSharp;
using static TorchSharp.torch;

namespace Cxr.Benchmarks.Training;

/// <summary>
/// Training images/s at 2 threads, batch 32, per architecture: <see cref="FullStep"/> is what the trainer does per step
/// (cache → float batch → augmentation → forward → loss → backward → AdamW), <see cref="RawForwardBackward"/> is libtorch
/// alone on a pre-built batch. Their ratio is the data pipeline's overhead. Times are per image (OperationsPerInvoke).
/// </summary>
[MemoryDiagnoser(false)]
public class TrainingThroughputBenchmarks
{
    private const int Batch = 32;
    private CxrModel model = null!;
    private optim.Optimizer optimizer = null!;
    private ImageCache cache = null!;
    private BatchSampler sampler = null!;
    private BatchAugmenter augmenter = null!;
    private Random random = null!;
    private Tensor fixedBatch = null!;
    private Tensor fixedLabels = null!;
    private readonly int[] indices = new int[Batch];

    [Params("cxrnet", "seed-cnn")]
    public string Architecture { get; set; } = "cxrnet";

    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(2);
        torch.manual_seed(1);
        var options = Architecture == CxrNet.ArchitectureId ? TrainingPresets.DefaultRecipe : TrainingPresets.NotebookRecipe;
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
        random = new Random(5);
        sampler.Next(indices, random);
        fixedBatch = cache.Batch(indices);
        fixedLabels = cache.LabelBatch(indices);
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public float FullStep()
    {
        using var scope = NewDisposeScope();
        sampler.Next(indices, random);
        var batch = augmenter.Apply(cache.Batch(indices), random);
        var loss = nn.functional.binary_cross_entropy_with_logits(model.call(batch), cache.LabelBatch(indices));
        optimizer.zero_grad();
        loss.backward();
        optimizer.step();
        return loss.item<float>();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public float RawForwardBackward()
    {
        using var scope = NewDisposeScope();
        var loss = nn.functional.binary_cross_entropy_with_logits(model.call(fixedBatch), fixedLabels);
        optimizer.zero_grad();
        loss.backward();
        optimizer.step();
        return loss.item<float>();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        fixedBatch.Dispose();
        fixedLabels.Dispose();
        optimizer.Dispose();
        model.Dispose();
    }
}
