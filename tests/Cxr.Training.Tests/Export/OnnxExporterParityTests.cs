using Cxr.Testing.Images;
using Cxr.Testing.Models;
using Cxr.Training.Export;
using Cxr.Training.Models;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Onnx;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Cxr.Training.Tests.Export;

/// <summary>The exported graph computes what the TorchSharp model computes in eval mode, on real chest X-rays.</summary>
[Collection(TorchGeneratorCollection.Name)]
public sealed class OnnxExporterParityTests(ParityFixture fixture, ITestOutputHelper output) : IClassFixture<ParityFixture>
{
    public static TheoryData<string> AllModels => [SeededModels.CxrNetDefault, SeededModels.CxrNetSmall, SeededModels.CxrNetIgnoresBlack, SeededModels.SeedCnnDefault];

    public static TheoryData<string> HeatmapModels => [SeededModels.CxrNetDefault, SeededModels.CxrNetSmall, SeededModels.CxrNetIgnoresBlack];

    public static TheoryData<string> StandardizingModels => [SeededModels.CxrNetDefault, SeededModels.CxrNetIgnoresBlack];

    [Theory]
    [MemberData(nameof(AllModels))]
    public void Logits_probabilities_and_features_match_torchsharp(string kind)
    {
        var c = fixture.Get(kind);
        var onnxLogits = c.Onnx["logit"].Values;
        var onnxProbabilities = c.Onnx["probability"].Values;
        Assert.Equal(SampleImages.Count, onnxLogits.Length);

        var maxLogit = 0.0;
        var maxProbability = 0.0;
        for (var i = 0; i < SampleImages.Count; i++)
        {
            maxLogit = Math.Max(maxLogit, Math.Abs(onnxLogits[i] - c.TorchLogits[i]));
            maxProbability = Math.Max(maxProbability, Math.Abs(onnxProbabilities[i] - Sigmoid(c.TorchLogits[i])));
        }

        var features = c.Onnx["features"].Values;
        Assert.Equal(c.TorchFeatures.Length, features.Length);
        var maxFeature = MaxRelativeDifference(features, c.TorchFeatures);
        output.WriteLine($"{kind}: logits {c.TorchLogits.Min():F3}..{c.TorchLogits.Max():F3}, max |Δlogit| {maxLogit:E2}, " +
                         $"max |Δprobability| {maxProbability:E2}, max relative |Δfeature| {maxFeature:E2}");

        Assert.True(c.TorchLogits.Max() - c.TorchLogits.Min() > 1, "the test model should spread its logits");
        Assert.InRange(maxLogit, 0, 1e-3);
        Assert.InRange(maxProbability, 0, 1e-4);
        Assert.InRange(maxFeature, 0, 1e-3);
    }

    [Theory]
    [MemberData(nameof(HeatmapModels))]
    public void Heatmap_is_the_class_activation_map_and_averages_to_the_logit(string kind)
    {
        var c = fixture.Get(kind);
        var (heatmap, shape) = c.Onnx["heatmap"];
        var torchHeatmap = c.TorchHeatmap!;
        Assert.Equal(torchHeatmap.Length, heatmap.Length);
        Assert.Equal(SampleImages.Count, shape[0]);

        var maxCell = heatmap.Zip(torchHeatmap, (a, b) => (double)Math.Abs(a - b)).Max();
        var cells = (int)(shape[1] * shape[2]);
        var logits = c.Onnx["logit"].Values;
        var maxMean = 0.0;
        for (var i = 0; i < SampleImages.Count; i++)
        {
            var mean = heatmap.AsSpan(i * cells, cells).ToArray().Average(v => (double)v);
            maxMean = Math.Max(maxMean, Math.Abs(mean - logits[i]));
        }

        output.WriteLine($"{kind}: heatmap {shape[1]}x{shape[2]}, max |Δcell| vs ClassActivationMap {maxCell:E2}, max |mean − logit| {maxMean:E2}");
        Assert.InRange(maxCell, 0, 1e-3);
        Assert.InRange(maxMean, 0, 1e-5);
    }

    [Theory]
    [MemberData(nameof(AllModels))]
    public void A_batch_of_one_gives_the_same_answer_as_the_full_batch(string kind)
    {
        var c = fixture.Get(kind);
        var maxDifference = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < SampleImages.Count; i++)
        {
            var single = OnnxRun.Run(c.Session, c.One(i), c.Size);
            foreach (var (name, (values, shape)) in single)
            {
                Assert.Equal(1, shape[0]);
                var full = c.Onnx[name].Values.AsSpan(i * values.Length, values.Length).ToArray();
                maxDifference[name] = Math.Max(maxDifference.GetValueOrDefault(name), values.Zip(full, (a, b) => (double)Math.Abs(a - b)).Max());
            }
        }

        output.WriteLine($"{kind}: batch 1 vs 64: " + string.Join(", ", maxDifference.Select(kv => $"{kv.Key} {kv.Value:E2}")));
        Assert.InRange(maxDifference["logit"], 0, 1e-4);
        Assert.InRange(maxDifference["probability"], 0, 1e-5);
    }

    /// <summary>ONNX Runtime's float32 ReduceMean/InstanceNormalization lose ~4e-5 on 224×224 images, which the network
    /// amplified to ~3e-3 in the logit; the exporter standardises in float64 instead. Guards that choice, for both
    /// standardisations (the one that leaves black pixels out on framed images).</summary>
    [Theory]
    [MemberData(nameof(StandardizingModels))]
    public void Standardization_is_exact_to_float32_rounding(string kind)
    {
        var c = fixture.Get(kind);
        var proto = OnnxExporter.BuildModel(c.Model, SeededModels.Card(c.Model));
        proto.Graph.Output.Add(new ValueInfoProto
        {
            Name = "standardize",
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float } },
        });
        using var session = new InferenceSession(proto.ToByteArray());
        var onnx = OnnxRun.Run(session, c.Images, c.Size)["standardize"].Values;

        using var scope = NewDisposeScope();
        var images = tensor(c.Images, [SampleImages.Count, 1, c.Size, c.Size]);
        var ignoreBlack = c.Model.StandardizationIgnoresBlack;
        var exact = CxrModel.Standardize(images.to_type(ScalarType.Float64), ignoreBlack).data<double>().ToArray();
        var torch32 = CxrModel.Standardize(images, ignoreBlack).data<float>().ToArray();
        var onnxError = exact.Zip(onnx, (a, b) => Math.Abs(a - b)).Max();
        var torchError = exact.Zip(torch32, (a, b) => Math.Abs(a - b)).Max();

        output.WriteLine($"{kind}: standardisation max error vs float64: ONNX Runtime {onnxError:E2}, TorchSharp float32 {torchError:E2}");
        Assert.InRange(onnxError, 0, 1e-6);
    }

    private static double Sigmoid(double logit) => 1 / (1 + Math.Exp(-logit));

    private static double MaxRelativeDifference(float[] actual, float[] expected)
    {
        var scale = Math.Max(1e-6, expected.Max(v => Math.Abs(v)));
        return actual.Zip(expected, (a, b) => Math.Abs(a - b) / scale).Max();
    }
}
