using System.Text.Json;
using Cxr.Core.Contracts;
using Cxr.Core.Data;
using Cxr.Core.Imaging;
using Cxr.Training.Data;
using Cxr.Training.Models;
using Cxr.Training.Runs;
using Cxr.Training.Tests.Export;
using Cxr.Training.Tests.Trainer;
using Cxr.Training.Trainer;
using Microsoft.ML.OnnxRuntime;

namespace Cxr.Training.Tests.Runs;

/// <summary>A whole <c>cxr train</c> with the weights' moving average on: the exported model is the shadow.</summary>
public sealed class TrainingRunEmaTests : IDisposable
{
    private const int Size = 64;
    private readonly string directory = Directory.CreateTempSubdirectory("cxr-run-ema-").FullName;

    [Fact]
    public void The_exported_model_computes_the_shadows_logits_not_the_live_models()
    {
        var train = SmallSubset.Records(24);
        var validation = SmallSubset.Records(8, skip: 48).Select(r => r with { Split = SplitNames.Validation }).ToList();
        var manifest = Path.Combine(directory, "split.csv");
        Manifest.Write(manifest, train.Concat(validation));
        var options = new TrainingOptions
        {
            InputSize = Size,
            Net = new CxrNetOptions(StemWidth: 8, Widths: [16, 32, 32], HeadDropout: 0),
            // Enough steps at a constant rate for the weights to move well away from where the average lags.
            Epochs = 1,
            StepsPerEpoch = 20,
            Schedule = LearningRateScheduleKind.Constant,
            BatchSize = 16,
            LearningRate = 3e-3,
            Threads = 1,
            Seed = 11,
            EmaDecay = 0.9,
            MixupAlpha = 0.2,
        };
        var output = Path.Combine(directory, "run");
        var report = TrainingRun.Run(
            new TrainingRequest { ManifestPath = manifest, Options = options, OutputDirectory = output },
            NullTrainingObserver.Instance,
            CancellationToken.None);
        Assert.NotNull(report);

        var images = ImageCache.Build(validation, new PreprocessSpec(Size));
        using var session = new InferenceSession(Path.Combine(output, TrainingRun.ModelFile));
        var exported = OnnxRun.Run(session, images.Pixels.Select(p => p / 255f).ToArray(), Size)[OnnxModelContract.LogitOutput].Values;
        var shadow = Logits(options, Path.Combine(output, ModelTrainer.EmaWeightsFile), images);
        var live = Logits(options, Path.Combine(output, ModelTrainer.CheckpointFile), images);

        var fromShadow = exported.Zip(shadow, (e, s) => Math.Abs(e - s)).Max();
        var fromLive = exported.Zip(live, (e, l) => Math.Abs(e - l)).Max();
        Assert.True(fromShadow < 1e-4, $"the exported logits differ from the shadow's by up to {fromShadow}");
        Assert.True(fromLive > 1e-2, $"the exported logits are within {fromLive} of the live model's: the test cannot tell them apart");

        // The options stored in the model and in validation.json record both levers.
        var stored = JsonSerializer.Deserialize<TrainingOptions>(session.ModelMetadata.CustomMetadataMap[ModelMetadataKeys.TrainOptions], TrainingJson.Options)!;
        Assert.Equal(0.9, stored.EmaDecay);
        Assert.Equal(0.2, stored.MixupAlpha);
        Assert.Equal(1, stored.MixupProbability);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static double[] Logits(TrainingOptions options, string weights, ImageCache images)
    {
        using var model = ModelFactory.Create(options.Architecture, options.InputSize, options.Net);
        model.load(weights);
        return ModelTrainer.PredictLogits(model, images);
    }
}
