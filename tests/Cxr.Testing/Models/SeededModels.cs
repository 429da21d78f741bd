using Cxr.Core.Contracts;
using Cxr.Testing.Images;
using Cxr.Training.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Cxr.Testing.Models;

/// <summary>Seeded models in a non-trivial eval state for export tests: batch norm running statistics moved by a few
/// train-mode forwards on random data, batch norm affine parameters randomised, and the last linear layer rescaled so the
/// logits of the sample images spread over several units (so the sigmoid is tested on its steep part, not only near 0.5).</summary>
public static class SeededModels
{
    public const string CxrNetDefault = "cxrnet";
    public const string CxrNetSmall = "cxrnet-small";
    public const string SeedCnnDefault = "seed-cnn";
    public const string CxrNetIgnoresBlack = "cxrnet-ignores-black";

    /// <summary>Two convs per block, no standardisation, 96 px (heatmap 12×12).</summary>
    public static CxrNetOptions SmallOptions { get; } = new(InputSize: 96, StemWidth: 8, Widths: [8, 16, 24], ConvsPerBlock: 2, Standardize: false);

    /// <summary>As <see cref="SmallOptions"/>, but standardising with black pixels left out of the statistics.</summary>
    public static CxrNetOptions IgnoresBlackOptions { get; } = SmallOptions with { Standardize = true, StandardizeIgnoresBlack = true };

    /// <summary>The test card for <paramref name="model"/> (<see cref="TestModelCard"/> at its input size).</summary>
    public static ModelCard Card(CxrModel model, double temperature = 1.0) =>
        TestModelCard.Create(model.InputSize, "test-" + model.Architecture, temperature: temperature);

    /// <summary>The seeded model; callers are in the Training tests' <c>TorchGeneratorCollection</c> because construction
    /// and initialisation draw from TorchSharp's global generator.</summary>
    public static CxrModel Create(string kind)
    {
        torch.manual_seed(1);
        CxrModel model = kind switch
        {
            CxrNetDefault => new CxrNet(),
            CxrNetSmall => new CxrNet(SmallOptions),
            CxrNetIgnoresBlack => new CxrNet(IgnoresBlackOptions),
            SeedCnnDefault => new SeedCnn(),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown test model."),
        };
        Disturb(model);
        model.eval();
        SpreadLogits(model);
        return model;
    }

    private static void Disturb(CxrModel model)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var size = model.InputSize;
        model.train();
        for (var step = 0; step < 4; step++)
        {
            model.call(rand(8, 1, size, size));
        }

        foreach (var batchNorm in model.FeatureLayers.OfType<BatchNorm2d>())
        {
            nn.init.uniform_(batchNorm.weight, 0.5, 1.5);
            nn.init.normal_(batchNorm.bias, 0, 0.2);
        }
    }

    /// <summary>Random last-layer direction, scaled so 8 probe images get logits with mean 0 and standard deviation 3.</summary>
    private static void SpreadLogits(CxrModel model)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var size = model.InputSize;
        var probe = cat(Enumerable.Range(0, 4)
            .Concat(Enumerable.Range(SampleImages.PerClass, 4))
            .Select(i => tensor(SampleImages.One(size, i), [1, 1, size, size]))
            .ToList(), 0);
        var maps = model.Features(probe);
        var (head, features) = model switch
        {
            CxrNet net => (net.Classifier, maps.mean([2L, 3L])),
            SeedCnn seed => (seed.Output, nn.functional.relu(seed.Dense.call(maps.flatten(1)))),
            _ => throw new ArgumentOutOfRangeException(nameof(model), model.GetType().Name, "Unknown test model."),
        };
        nn.init.normal_(head.weight);
        var logits = features.matmul(head.weight!.t());
        var scale = 3.0 / logits.std().item<float>();
        head.weight!.mul_(scale);
        head.bias!.fill_(-logits.mean().item<float>() * scale);
    }
}
