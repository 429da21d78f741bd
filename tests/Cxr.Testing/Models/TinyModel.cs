using System.Globalization;
using Cxr.Core.Data;
using Cxr.Core.Imaging;
using Cxr.Training.Data;
using Cxr.Training.Export;
using Cxr.Training.Models;
using Cxr.Training.Trainer;

namespace Cxr.Testing.Models;

/// <summary>
/// A real but tiny cxr model for web and CLI tests: a small CxrNet (64 px) trained for a few steps on a few shared
/// images, exported to ONNX with the same metadata as <c>cxr train</c> writes. Made once per test process (a few
/// seconds), in a temp folder deleted at exit.
/// </summary>
public static class TinyModel
{
    /// <summary>Name stored in the model's metadata.</summary>
    public const string Name = "cxr-test-tiny";

    /// <summary>Operating threshold stored in the model's metadata.</summary>
    public const double Threshold = 0.5;

    private static readonly Lazy<string> Model = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Path of the ONNX file.</summary>
    public static string Path => Model.Value;

    /// <summary>A real NORMAL image of the shared validation set.</summary>
    public static string NormalImage => TestData.FirstValidationFilm("NORMAL");

    /// <summary>A real PNEUMONIA image of the shared validation set.</summary>
    public static string PneumoniaImage => TestData.FirstValidationFilm("PNEUMONIA");

    private static string Create()
    {
        var directory = Directory.CreateTempSubdirectory("cxr-tiny-model-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is not worth failing over.
            }
        };

        var records = new List<ImageRecord>();
        foreach (var (folder, label) in new[] { ("NORMAL", CxrLabel.Normal), ("PNEUMONIA", CxrLabel.Pneumonia) })
        {
            var files = Directory.GetFiles(System.IO.Path.Combine(TestData.DataRoot, "train", folder), "*.jpeg")
                .Order(StringComparer.Ordinal)
                .Take(24);
            records.AddRange(files.Select(f => new ImageRecord(f, label, label == CxrLabel.Normal ? "normal" : "unknown",
                System.IO.Path.GetFileNameWithoutExtension(f), "", "train")));
        }

        var spec = new PreprocessSpec(64);
        var cache = ImageCache.Build(records, spec);
        var options = new TrainingOptions
        {
            InputSize = spec.Size,
            Net = new CxrNetOptions(StemWidth: 8, Widths: [8, 16, 16], HeadDropout: 0),
            Epochs = 1,
            StepsPerEpoch = 12,
            BatchSize = 16,
            LearningRate = 3e-3,
            Threads = 1,
            Seed = 7,
            EarlyStoppingPatience = 0,
        };
        var trainer = new ModelTrainer(options, System.IO.Path.Combine(directory, "run"));
        using var model = trainer.CreateModel();
        trainer.Train(model, cache, cache, resume: false, CancellationToken.None);

        var path = System.IO.Path.Combine(directory, "tiny.onnx");
        OnnxExporter.Export(model, path, TestModelCard.Create(spec.Size, Name, Threshold) with
        {
            ThresholdPolicy = "fixed:0.5",
            TrainedUtc = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ValidationMetricsJson = null,
        });
        return path;
    }
}
