using System.Globalization;
using System.Text.Json;
using Cxr.Core.Data;
using Cxr.Core.Imaging;
using Cxr.Testing.Models;
using Cxr.Training.Augmentation;
using Cxr.Training.Data;
using Cxr.Training.Export;
using Cxr.Training.Models;
using Cxr.Training.Trainer;
using TorchSharp;

namespace Cxr.Inference.Tests;

/// <summary>
/// Real CxrNets made with TorchSharp and exported with <see cref="OnnxExporter"/>, once per test run: a seeded untrained
/// default CxrNet (224 px, 14 × 14 heatmap) and a tiny CxrNet trained to find a bright blob (64 px, 8 × 8 heatmap).
/// </summary>
public sealed class TorchModels : IDisposable
{
    public const int BlobSize = 64;
    public const int BlobRadius = 10;
    public const double BlobSigma = BlobRadius / 2.0;

    private readonly string directory = Directory.CreateTempSubdirectory("cxr-inference-torch-").FullName;
    private readonly Lazy<(CxrNet Model, byte[] Onnx)> defaultNet;
    private readonly Lazy<(CxrNet Model, byte[] Onnx, double HeldOutAuc)> blobNet;

    public TorchModels()
    {
        defaultNet = new(CreateDefault);
        blobNet = new(TrainBlob);
    }

    /// <summary>Seeded default CxrNet, eval mode, exported (threshold 0.5, temperature 1).</summary>
    public (CxrNet Model, byte[] Onnx) Default => defaultNet.Value;

    /// <summary>The blob detector and its AUC on 64 fresh images.</summary>
    public (CxrNet Model, byte[] Onnx, double HeldOutAuc) Blob => blobNet.Value;

    /// <summary>A synthetic 64 × 64 "X-ray": noisy background with a gentle gradient, plus a bright blob when
    /// <paramref name="blob"/> is given (centre x, y; the blob is the disc of <see cref="BlobRadius"/> = 2 sigma).</summary>
    public static byte[] BlobImage(Random random, (int X, int Y)? blob)
    {
        var pixels = new byte[BlobSize * BlobSize];
        // Background (at most 40 + 40 + 20 + 15 = 115) stays below the blob's middle (at least 40 + 140 = 180), so
        // brightness itself is the cue: the network learns a bright-spot detector whose map peaks in the blob, rather
        // than a contrast (edge) detector whose map would ring the blob.
        var level = random.Next(40, 81);
        var gradient = random.NextDouble() * 20;
        for (var y = 0; y < BlobSize; y++)
        {
            for (var x = 0; x < BlobSize; x++)
            {
                var v = level + (gradient * x / BlobSize) + random.Next(-15, 16);
                if (blob is { } c)
                {
                    // A smooth bump (Gaussian, sigma = radius / 2), not a flat disc: a plateau would teach an edge
                    // detector whose map peaks on the rim and dips in the middle.
                    var r2 = ((x - c.X) * (x - c.X)) + ((y - c.Y) * (y - c.Y));
                    v += 140 * Math.Exp(-r2 / (2.0 * BlobSigma * BlobSigma));
                }

                pixels[(y * BlobSize) + x] = (byte)Math.Clamp(v, 0, 255);
            }
        }

        return pixels;
    }

    public void Dispose()
    {
        if (defaultNet.IsValueCreated)
        {
            defaultNet.Value.Model.Dispose();
        }

        if (blobNet.IsValueCreated)
        {
            blobNet.Value.Model.Dispose();
        }

        Directory.Delete(directory, recursive: true);
    }

    /// <summary>Seeded default CxrNet whose classifier is rescaled so the 16 validation X-rays get logits with standard
    /// deviation 3 around 0 (an untrained net gives nearly equal logits, which would make comparisons trivial).</summary>
    private static (CxrNet, byte[]) CreateDefault()
    {
        torch.manual_seed(3);
        var model = new CxrNet();
        model.eval();
        using (var scope = torch.NewDisposeScope())
        using (var noGrad = torch.no_grad())
        {
            var pipeline = new ImagePipeline(new PreprocessSpec(model.InputSize));
            var data = TestImages.ValidationFiles.SelectMany(f => pipeline.ProcessFile(f).Resized.Pixels.Select(b => b / 255f)).ToArray();
            var count = TestImages.ValidationFiles.Count;
            var pooled = model.Features(torch.tensor(data, [count, 1, model.InputSize, model.InputSize])).mean([2L, 3L]);
            torch.nn.init.normal_(model.Classifier.weight);
            var logits = pooled.matmul(model.Classifier.weight!.t());
            var scale = 3.0 / logits.std().item<float>();
            model.Classifier.weight!.mul_(scale);
            model.Classifier.bias!.fill_(-logits.mean().item<float>() * scale);
        }

        return (model, OnnxExporter.ExportToBytes(model, SeededModels.Card(model)));
    }

    private (CxrNet, byte[], double) TrainBlob()
    {
        var random = new Random(5);
        var (train, trainPixels) = BlobSet(random, 192);
        var (validation, validationPixels) = BlobSet(random, 64);
        var spec = new PreprocessSpec(BlobSize);
        var options = new TrainingOptions
        {
            InputSize = BlobSize,
            Net = new CxrNetOptions(InputSize: BlobSize, StemWidth: 8, Widths: [16, 32], HeadDropout: 0, Standardize: false),
            Epochs = 3,
            StepsPerEpoch = 20,
            BatchSize = 32,
            LearningRate = 4e-3,
            Threads = 2,
            Seed = 7,
            EarlyStoppingPatience = 0,
            Augmentation = AugmentationOptions.None,
        };
        var trainer = new ModelTrainer(options, Path.Combine(directory, "blob"));
        var model = (CxrNet)trainer.CreateModel();
        var validationCache = ImageCache.FromPixels(validation, spec, validationPixels);
        trainer.Train(model, ImageCache.FromPixels(train, spec, trainPixels), validationCache, resume: false, CancellationToken.None);
        var auc = Core.Evaluation.RocAnalysis.Auc(validationCache.Labels, ModelTrainer.PredictLogits(model, validationCache));
        return (model, OnnxExporter.ExportToBytes(model, SeededModels.Card(model)), auc);
    }

    private static (List<ImageRecord> Records, byte[] Pixels) BlobSet(Random random, int count)
    {
        var records = new List<ImageRecord>();
        var pixels = new byte[count * BlobSize * BlobSize];
        for (var i = 0; i < count; i++)
        {
            var positive = i % 2 == 1;
            (int, int)? centre = positive ? (random.Next(BlobRadius, BlobSize - BlobRadius), random.Next(BlobRadius, BlobSize - BlobRadius)) : null;
            BlobImage(random, centre).CopyTo(pixels, i * BlobSize * BlobSize);
            var label = positive ? CxrLabel.Pneumonia : CxrLabel.Normal;
            records.Add(new ImageRecord($"/synthetic/{i}.png", label, positive ? "unknown" : "normal", $"p{i}", "", "train"));
        }

        return (records, pixels);
    }
}
