using System.Globalization;
using Cxr.Core.Contracts;
using Cxr.Core.Imaging;
using Cxr.Testing.Images;
using Cxr.Testing.Models;
using Cxr.Training.Export;
using Cxr.Training.Models;
using Microsoft.ML.OnnxRuntime;
using Onnx;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Cxr.Training.Tests.Export;

/// <summary>What the exported file looks like to its readers: shapes, metadata, operators, temperature, errors.</summary>
[Collection(TorchGeneratorCollection.Name)]
public sealed class OnnxExporterFormatTests(ITestOutputHelper output)
{
    [Fact]
    public void Cxrnet_session_reports_a_symbolic_batch_and_the_declared_output_shapes()
    {
        using var model = new CxrNet();
        using var session = new InferenceSession(OnnxExporter.ExportToBytes(model, SeededModels.Card(model, 1.0)));

        var image = session.InputMetadata[OnnxModelContract.ImageInput];
        Assert.Equal(new[] { -1, 1, 224, 224 }, image.Dimensions);
        Assert.Equal(OnnxModelContract.BatchDimension, image.SymbolicDimensions[0]);
        Assert.Equal(typeof(float), image.ElementType);

        Assert.Equal(new[] { "logit", "probability", "heatmap", "features" }, session.OutputNames);
        Assert.Equal(new[] { -1 }, session.OutputMetadata["logit"].Dimensions);
        Assert.Equal(new[] { -1 }, session.OutputMetadata["probability"].Dimensions);
        Assert.Equal(new[] { -1, 7, 7 }, session.OutputMetadata["heatmap"].Dimensions);
        Assert.Equal(new[] { -1, 256 }, session.OutputMetadata["features"].Dimensions);
        Assert.All(session.OutputMetadata.Values, m => Assert.Equal("N", m.SymbolicDimensions[0]));
        Assert.Equal("7x7", session.ModelMetadata.CustomMetadataMap[ModelMetadataKeys.HeatmapSize]);
    }

    [Fact]
    public void Seed_cnn_session_reports_its_outputs_without_a_heatmap()
    {
        using var model = new SeedCnn();
        using var session = new InferenceSession(OnnxExporter.ExportToBytes(model, SeededModels.Card(model, 1.0)));

        Assert.Equal(new[] { -1, 1, 150, 150 }, session.InputMetadata["image"].Dimensions);
        Assert.Equal(new[] { "logit", "probability", "features" }, session.OutputNames);
        Assert.Equal(new[] { -1 }, session.OutputMetadata["logit"].Dimensions);
        Assert.Equal(new[] { -1 }, session.OutputMetadata["probability"].Dimensions);
        Assert.Equal(new[] { -1, 512 }, session.OutputMetadata["features"].Dimensions);
        Assert.False(session.ModelMetadata.CustomMetadataMap.ContainsKey(ModelMetadataKeys.HeatmapSize));
    }

    [Fact]
    public void Metadata_round_trips_through_onnx_runtime_and_onnxsharp()
    {
        using var model = SeededModels.Create(SeededModels.CxrNetSmall);
        const double temperature = 1.2345678901234567;
        var card = new ModelCard
        {
            Name = "round-trip",
            Version = "1.0",
            Preprocess = new PreprocessSpec(96),
            Threshold = 0.42,
            Temperature = temperature,
            Architecture = "not-the-model",                // owned by the exporter: ignored
            Outputs = ["not", "these"],                    // owned by the exporter: ignored
            OtherEntries = new Dictionary<string, string> { ["note"] = "ünïcode ✓" },
        };
        var bytes = OnnxExporter.ExportToBytes(model, card);
        var expected = new Dictionary<string, string>
        {
            ["cxr.schema"] = "1",
            ["cxr.name"] = "round-trip",
            ["cxr.version"] = "1.0",
            ["cxr.preprocess"] = new PreprocessSpec(96).ToJson(),
            ["cxr.labels"] = "[\"NORMAL\",\"PNEUMONIA\"]",
            ["cxr.threshold"] = "0.42",
            ["note"] = "ünïcode ✓",
            ["cxr.arch"] = "cxrnet",
            ["cxr.input.size"] = "96",
            ["cxr.temperature"] = temperature.ToString("R", CultureInfo.InvariantCulture),
            ["cxr.outputs"] = "logit,probability,heatmap,features",
            ["cxr.heatmap.size"] = "12x12",
            // Exporter-owned as well: what TorchSharp computes for the probe images, and the weights' checksum.
            [ModelMetadataKeys.SelfTest] = ProbeOutputs.Compute(model, guard: null).ToJson(),
            [ModelMetadataKeys.WeightsSha256] = OnnxWeightsHash.Compute(bytes),
        };

        using var session = new InferenceSession(bytes);
        var runtime = session.ModelMetadata;
        Assert.Equal(expected.OrderBy(kv => kv.Key), runtime.CustomMetadataMap.OrderBy(kv => kv.Key));
        Assert.Equal("cxr", runtime.ProducerName);
        Assert.Equal(temperature, double.Parse(runtime.CustomMetadataMap["cxr.temperature"], CultureInfo.InvariantCulture));

        var parsed = ModelProto.Parser.ParseFrom(bytes);
        Assert.Equal(expected.OrderBy(kv => kv.Key, StringComparer.Ordinal), parsed.MetadataProps.Select(p => new KeyValuePair<string, string>(p.Key, p.Value)));
    }

    [Fact]
    public void Graph_is_plain_opset_17_with_batch_norm_folded_and_dropout_removed()
    {
        using var model = new CxrNet();
        var parsed = ModelProto.Parser.ParseFrom(OnnxExporter.ExportToBytes(model, SeededModels.Card(model, 1.0)));

        Assert.Equal(8, parsed.IrVersion);
        var opset = Assert.Single(parsed.OpsetImport);
        Assert.Equal((string.Empty, 17L), (opset.Domain, opset.Version));
        Assert.Equal("cxr", parsed.ProducerName);
        Assert.Matches(@"^\d+\.\d+\.\d+", parsed.ProducerVersion);
        Assert.DoesNotContain('+', parsed.ProducerVersion);
        Assert.InRange(parsed.DocString.Length, 1, 200);

        var ops = parsed.Graph.Node.Select(n => n.OpType).Distinct().Order(StringComparer.Ordinal).ToList();
        output.WriteLine("operators: " + string.Join(", ", ops));
        Assert.Subset(
            new HashSet<string> { "Add", "Cast", "Conv", "Div", "Flatten", "GlobalAveragePool", "MaxPool", "Mul", "ReduceMean", "Relu", "Sigmoid", "Sqrt", "Squeeze", "Sub" },
            ops.ToHashSet());
        Assert.Equal(7, parsed.Graph.Node.Count(n => n.OpType == "Conv")); // stem, 5 blocks, the 1×1 class map
        Assert.All(parsed.Graph.Node, n => Assert.Equal(string.Empty, n.Domain));

        var initializers = parsed.Graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        Assert.Contains("stem_conv.weight", initializers.Keys);
        Assert.Contains("stem_conv.bias", initializers.Keys); // the folded batch norm's shift
        Assert.Contains("block5_conv1.weight", initializers.Keys);
        Assert.Contains("classifier.weight", initializers.Keys);
        Assert.DoesNotContain(initializers.Keys, name => name.Contains("_bn", StringComparison.Ordinal));
        Assert.Equal(new long[] { 16, 1, 3, 3 }, initializers["stem_conv.weight"].Dims);
        Assert.Equal(new long[] { 1, 256, 1, 1 }, initializers["classifier.weight"].Dims);
        foreach (var tensor in initializers.Values.Where(t => t.DataType == (int)TensorProto.Types.DataType.Float))
        {
            Assert.Empty(tensor.FloatData);
            Assert.Equal(4 * tensor.Dims.Aggregate(1L, (a, d) => a * d), tensor.RawData.Length);
        }
    }

    [Fact]
    public void Temperature_divides_the_logit_before_the_sigmoid()
    {
        using var model = SeededModels.Create(SeededModels.CxrNetSmall);
        var size = model.InputSize;
        var images = SampleImages.Load(size);
        using var plain = new InferenceSession(OnnxExporter.ExportToBytes(model, SeededModels.Card(model, 1.0)));
        using var calibrated = new InferenceSession(OnnxExporter.ExportToBytes(model, SeededModels.Card(model, 2.0)));

        var t1 = OnnxRun.Run(plain, images, size);
        var t2 = OnnxRun.Run(calibrated, images, size);

        Assert.Equal(t1["logit"].Values, t2["logit"].Values);
        Assert.Equal(t1["heatmap"].Values, t2["heatmap"].Values);
        for (var i = 0; i < SampleImages.Count; i++)
        {
            var logit = (double)t1["logit"].Values[i];
            Assert.Equal(1 / (1 + Math.Exp(-logit)), t1["probability"].Values[i], 1e-6);
            Assert.Equal(1 / (1 + Math.Exp(-logit / 2)), t2["probability"].Values[i], 1e-6);
        }

        Assert.Equal("2", calibrated.ModelMetadata.CustomMetadataMap["cxr.temperature"]);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_temperature_that_is_not_finite_and_positive_is_rejected(double temperature)
    {
        using var model = SeededModels.Create(SeededModels.CxrNetSmall);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => OnnxExporter.ExportToBytes(model, SeededModels.Card(model, temperature)));
        // The temperature is the card's: the exporter names the card and says which of its values is wrong.
        Assert.Equal("card", error.ParamName);
        Assert.Contains("temperature must be a finite number greater than 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_metadata_key_is_rejected()
    {
        using var model = SeededModels.Create(SeededModels.CxrNetSmall);
        var error = Assert.Throws<ArgumentException>(() => OnnxExporter.ExportToBytes(model, SeededModels.Card(model) with { OtherEntries = new Dictionary<string, string> { [" "] = "x" } }));
        Assert.Contains("Metadata keys", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_writes_a_loadable_file_creating_its_folder_and_is_deterministic()
    {
        using var model = new CxrNet();
        var folder = Path.Combine(Path.GetTempPath(), "cxr-onnx-" + Guid.NewGuid().ToString("N"));
        try
        {
            var path = Path.Combine(folder, "models", "cxrnet.onnx");
            OnnxExporter.Export(model, path, SeededModels.Card(model));

            var written = File.ReadAllBytes(path);
            output.WriteLine($"default CxrNet ({model.ParameterCount():N0} parameters): {written.Length:N0} bytes");
            Assert.Equal(written, OnnxExporter.ExportToBytes(model, SeededModels.Card(model)));
            Assert.Equal([path], Directory.GetFiles(Path.GetDirectoryName(path)!));
            using var session = new InferenceSession(path);
            Assert.Equal("cxrnet", session.ModelMetadata.CustomMetadataMap["cxr.arch"]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_layer_without_an_onnx_equivalent_gets_a_clear_error()
    {
        using var model = new LayerListModel(("conv", nn.Conv2d(1, 4, 3)), ("squash", nn.Sigmoid()));
        var error = Assert.Throws<NotSupportedException>(() => OnnxExporter.ExportToBytes(model, SeededModels.Card(model, 1.0)));
        Assert.Contains("'squash' (Sigmoid)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_batch_norm_that_does_not_follow_a_convolution_gets_a_clear_error()
    {
        using var model = new LayerListModel(("conv", nn.Conv2d(1, 4, 3)), ("relu", nn.ReLU()), ("norm", nn.BatchNorm2d(4)));
        var error = Assert.Throws<NotSupportedException>(() => OnnxExporter.ExportToBytes(model, SeededModels.Card(model, 1.0)));
        Assert.Contains("BatchNorm2d 'norm'", error.Message, StringComparison.Ordinal);
    }
}
