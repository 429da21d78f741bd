using System.Security.Cryptography;
using Cxr.Core.Contracts;
using Cxr.Core.Imaging;
using Cxr.Testing.Models;
using Cxr.Testing.Onnx;

namespace Cxr.Inference.Tests;

public sealed class ModelLoadingTests
{
    private const string Source = "models/x.onnx";

    public static TheoryData<string> RequiredKeysButSchema =>
        [.. ModelCard.RequiredKeys.Where(k => k != ModelMetadataKeys.Schema)];

    [Fact]
    public void A_cxr_model_loads_with_its_metadata()
    {
        var bytes = SyntheticOnnxModel.Create(64, temperature: 1.5, metadata: SyntheticOnnxModel.Metadata(64, threshold: 0.3, temperature: 1.5));
        using var predictor = ChestXrayPredictor.Load(bytes, Source);
        var model = predictor.Model;

        Assert.Equal("synthetic-brightness", model.Name);
        Assert.Equal("0.0.0-test", model.Version);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), model.Sha256);
        Assert.Equal("synthetic", model.Architecture);
        Assert.Equal(new PreprocessSpec(64), model.Preprocess);
        Assert.Equal(["NORMAL", "PNEUMONIA"], model.Labels);
        Assert.Equal(0.3, model.Threshold);
        Assert.Equal("youden", model.ThresholdPolicy);
        Assert.Equal(1.5, model.Temperature);
        Assert.Equal("2025-01-01T00:00:00Z", model.TrainedUtc);
        Assert.Contains("\"auc\":0.75", model.ValidationMetricsJson, StringComparison.Ordinal);
        Assert.True(model.HasHeatmap);
        Assert.Equal((8, 8), model.HeatmapGrid);
        Assert.Equal(Source, model.Source);
        Assert.Equal(bytes.Length, model.FileBytes);
        Assert.Equal(["logit", "probability", "heatmap", "features"], model.Outputs);
        // Plus the self-test and the weights checksum the fixture adds, as the exporter does.
        Assert.Equal(SyntheticOnnxModel.Metadata(64).Count + 2, model.Metadata.Count);
    }

    [Fact]
    public void A_model_file_loads_from_its_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cxr-model-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, SyntheticOnnxModel.Create());
        try
        {
            using var predictor = ChestXrayPredictor.Load(path, new PredictorOptions(IntraOpThreads: 1, WarmUp: false));
            Assert.Equal(path, predictor.Model.Source);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var error = Assert.Throws<ModelLoadException>(() => ChestXrayPredictor.Load("models/nope.onnx"));
        Assert.Equal("models/nope.onnx does not exist (no model file there)", error.Message);
    }

    [Fact]
    public void A_folder_is_not_a_model()
    {
        var error = Assert.Throws<ModelLoadException>(() => ChestXrayPredictor.Load(Path.GetTempPath()));
        Assert.EndsWith("is a folder; expected an .onnx model file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_is_not_an_onnx_model()
    {
        var error = Assert.Throws<ModelLoadException>(() => ChestXrayPredictor.Load("hello, this is not a model\n"u8.ToArray(), Source));
        Assert.StartsWith("models/x.onnx is not an ONNX model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_image_is_not_an_onnx_model_and_the_message_says_what_it_is()
    {
        var error = Assert.Throws<ModelLoadException>(() => ChestXrayPredictor.Load(TestImages.Uniform(16, 16, 100, SkiaSharp.SKEncodedImageFormat.Jpeg), Source));
        Assert.Equal("models/x.onnx is not an ONNX model (it looks like a JPEG image)", error.Message);
    }

    [Fact]
    public void A_pdf_is_not_an_onnx_model()
    {
        var error = Assert.Throws<ModelLoadException>(() => ChestXrayPredictor.Load("%PDF-1.7\n%...."u8.ToArray(), Source));
        Assert.Equal("models/x.onnx is not an ONNX model (it looks like a PDF document)", error.Message);
    }

    [Fact]
    public void An_empty_file_is_not_a_model()
    {
        var error = Assert.Throws<ModelLoadException>(() => ChestXrayPredictor.Load([], Source));
        Assert.Equal("models/x.onnx is empty (0 bytes); expected an ONNX model", error.Message);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.1)]
    public void A_truncated_model_is_reported_as_truncated(double keep)
    {
        var bytes = SyntheticOnnxModel.Create();
        var error = Assert.Throws<ModelLoadException>(() => ChestXrayPredictor.Load(bytes[..(int)(bytes.Length * keep)], Source));
        Assert.StartsWith("models/x.onnx is truncated or damaged", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_graph_onnx_runtime_cannot_load_is_named_with_its_reason()
    {
        // Well-formed protobuf, but the graph uses an operator that does not exist.
        var bytes = new ProtoWriter()
            .Varint(1, 8)
            .Message(7, g => g
                .Message(1, n => n.String(1, "image").String(2, "logit").String(3, "bad").String(4, "NoSuchOperator"))
                .String(2, "broken")
                .Message(11, v => v.String(1, "image").Message(2, t => t.Message(1, x => x.Varint(1, 1))))
                .Message(12, v => v.String(1, "logit").Message(2, t => t.Message(1, x => x.Varint(1, 1)))))
            .Message(8, o => o.String(1, "").Varint(2, 17))
            .ToArray();
        var error = Assert.Throws<ModelLoadException>(() => ChestXrayPredictor.Load(bytes, Source));
        Assert.StartsWith("models/x.onnx is not a model ONNX Runtime can load: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("NoSuchOperator", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_without_cxr_metadata_is_not_a_cxr_model()
    {
        var bytes = SyntheticOnnxModel.Create(metadata: new Dictionary<string, string>(), selfTest: false);
        var error = Assert.Throws<ModelLoadException>(() => ChestXrayPredictor.Load(bytes, Source));
        Assert.Equal("models/x.onnx is not a cxr model: it is missing metadata key 'cxr.schema' (it has no metadata at all)", error.Message);
    }

    [Fact]
    public void An_unknown_schema_is_refused()
    {
        var metadata = SyntheticOnnxModel.Metadata(64);
        metadata[ModelMetadataKeys.Schema] = "7";
        var error = Assert.Throws<ModelLoadException>(() => ChestXrayPredictor.Load(SyntheticOnnxModel.Create(metadata: metadata), Source));
        Assert.Equal("models/x.onnx has cxr.schema 7; this build reads 1", error.Message);
    }

    [Theory]
    [MemberData(nameof(RequiredKeysButSchema))]
    public void Each_required_key_is_named_when_missing(string key)
    {
        var metadata = SyntheticOnnxModel.Metadata(64);
        metadata.Remove(key);
        var error = Assert.Throws<ModelLoadException>(() => ChestXrayPredictor.Load(SyntheticOnnxModel.Create(metadata: metadata), Source));
        Assert.Equal($"models/x.onnx is missing metadata key '{key}'", error.Message);
    }

    [Theory]
    [InlineData(ModelMetadataKeys.Threshold, "abc", "has 'cxr.threshold' = 'abc'; expected a probability in [0, 1]")]
    [InlineData(ModelMetadataKeys.Threshold, "1.5", "has 'cxr.threshold' = '1.5'; expected a probability in [0, 1]")]
    [InlineData(ModelMetadataKeys.Temperature, "0", "has 'cxr.temperature' = '0'; expected a number greater than 0")]
    [InlineData(ModelMetadataKeys.Labels, "[\"PNEUMONIA\",\"NORMAL\"]", "has 'cxr.labels' [\"PNEUMONIA\",\"NORMAL\"]; this build serves")]
    [InlineData(ModelMetadataKeys.Preprocess, "{\"size\":64,\"mode\":\"fisheye\"}", "has an unusable 'cxr.preprocess'")]
    [InlineData(ModelMetadataKeys.InputSize, "128", "is inconsistent: 'cxr.input.size' is 128 but 'cxr.preprocess' says size 64")]
    public void A_bad_value_is_named(string key, string value, string expected)
    {
        var metadata = SyntheticOnnxModel.Metadata(64);
        metadata[key] = value;
        var error = Assert.Throws<ModelLoadException>(() => ChestXrayPredictor.Load(SyntheticOnnxModel.Create(metadata: metadata), Source));
        Assert.StartsWith("models/x.onnx " + expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_graph_whose_input_size_differs_from_its_metadata_is_refused()
    {
        var metadata = SyntheticOnnxModel.Metadata(64);
        metadata.Remove(ModelMetadataKeys.InputSize);
        var error = Assert.Throws<ModelLoadException>(() => ChestXrayPredictor.Load(SyntheticOnnxModel.Create(64, metadata: metadata, inputSize: 32), Source));
        Assert.Equal("models/x.onnx expects input 'image' as float [N,1,32,32]; its metadata promises float [N,1,64,64]", error.Message);
    }

    [Fact]
    public void Bad_options_are_refused_before_loading()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ChestXrayPredictor.Load(SyntheticOnnxModel.Create(), Source, new PredictorOptions(IntraOpThreads: 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChestXrayPredictor.Load(SyntheticOnnxModel.Create(), Source, new PredictorOptions(MaxBatchSize: 0)));
    }

    [Fact]
    public void Inference_does_not_reference_torchsharp_or_the_training_assembly()
    {
        var assembly = typeof(ChestXrayPredictor).Assembly;
        var references = assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();
        Assert.DoesNotContain(references, r => r.StartsWith("TorchSharp", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("Cxr.Training", references);
        Assert.Contains("Microsoft.ML.OnnxRuntime", references);

        var project = File.ReadAllText(Path.Combine(Cxr.Testing.TestData.RepoRoot, "src", "Cxr.Inference", "Cxr.Inference.csproj"));
        Assert.DoesNotContain("Include=\"TorchSharp", project, StringComparison.Ordinal);
        Assert.DoesNotContain("Cxr.Training", project, StringComparison.Ordinal);
    }
}
