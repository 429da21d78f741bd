using Cxr.Core.Contracts;
using Cxr.Testing.Models;
using Cxr.Training.Export;
using Cxr.Training.Guard;
using Cxr.Training.Models;
using Microsoft.ML.OnnxRuntime;
using Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace Cxr.Training.Tests.Export;

/// <summary>What the exporter records for the self-test holds in ONNX Runtime for every test architecture, and a model read
/// back by <see cref="OnnxModelImporter"/> exports to the same graph and weights (what <c>cxr model upgrade</c> relies on).</summary>
[Collection(TorchGeneratorCollection.Name)]
public sealed class OnnxModelImporterTests
{
    [Theory]
    [InlineData(SeededModels.CxrNetDefault)]
    [InlineData(SeededModels.CxrNetSmall)]
    [InlineData(SeededModels.SeedCnnDefault)]
    public void The_recorded_probe_outputs_are_reproduced_by_onnx_runtime(string kind)
    {
        using var model = SeededModels.Create(kind);
        var bytes = OnnxExporter.ExportToBytes(model, SeededModels.Card(model, 1.0));
        using var session = new InferenceSession(bytes);
        var spec = ModelSelfTestSpec.FromJson(session.ModelMetadata.CustomMetadataMap[ModelMetadataKeys.SelfTest]);

        var outputs = OnnxRun.Run(session, ProbeImages.Tensor(model.InputSize), model.InputSize);

        var logits = outputs[OnnxModelContract.LogitOutput].Values;
        var features = outputs[OnnxModelContract.FeaturesOutput].Values;
        var width = spec.Features[0].Count;
        Assert.Equal(features.Length, ProbeImages.Count * width);
        for (var i = 0; i < ProbeImages.Count; i++)
        {
            Assert.InRange(Math.Abs(logits[i] - spec.Logit[i]), 0, spec.Tolerance * Math.Max(1, Math.Abs(spec.Logit[i])));
            var scale = Math.Max(1, spec.Features[i].Max(Math.Abs));
            for (var j = 0; j < width; j++)
            {
                Assert.InRange(Math.Abs(features[(i * width) + j] - spec.Features[i][j]), 0, spec.Tolerance * scale);
            }
        }

        Assert.Equal(OnnxWeightsHash.Compute(bytes), session.ModelMetadata.CustomMetadataMap[ModelMetadataKeys.WeightsSha256]);
        Assert.True(logits.Max() - logits.Min() > 0.01, "probe images that all give one logit would test nothing");
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void A_reimported_network_exports_to_the_same_graph_weights_and_probe_outputs(bool standardize, bool ignoreBlack)
    {
        torch.manual_seed(3);
        using var model = new CxrNet(new CxrNetOptions(InputSize: 64, StemWidth: 8, Widths: [8, 16, 24], ConvsPerBlock: 2, Standardize: standardize, StandardizeIgnoresBlack: ignoreBlack));
        Disturb(model);
        model.eval();
        var guard = Guard(model);
        var card = SeededModels.Card(model, temperature: 1.7) with
        {
            Name = "round-trip",
            OtherEntries = new Dictionary<string, string> { ["note"] = "kept" },
        };
        var original = OnnxExporter.ExportToBytes(model, card, guard);

        var imported = OnnxModelImporter.Import(original);
        using var folded = imported.Model;
        var again = OnnxExporter.ExportToBytes(folded, imported.Card, imported.Guard);

        Assert.Equal(1.7, imported.Card.Temperature);
        Assert.Equal((standardize, ignoreBlack), (folded.StandardizesInput, folded.StandardizationIgnoresBlack));
        Assert.Equal("kept", imported.Card.OtherEntries["note"]);
        Assert.Equal(ModelProto.Parser.ParseFrom(original).Graph, ModelProto.Parser.ParseFrom(again).Graph);
        Assert.Equal(OnnxWeightsHash.Compute(original), OnnxWeightsHash.Compute(again));
        var before = imported.Card.SelfTest!;
        var after = ModelSelfTestSpec.FromJson(ModelProto.Parser.ParseFrom(again).MetadataProps.Single(p => p.Key == ModelMetadataKeys.SelfTest).Value);
        // TorchSharp on the folded weights computes what it computed on the unfolded network, to float rounding.
        for (var i = 0; i < ProbeImages.Count; i++)
        {
            Assert.InRange(Math.Abs(before.Logit[i] - after.Logit[i]), 0, 1e-4 * Math.Max(1, Math.Abs(before.Logit[i])));
            for (var k = 0; k < before.GuardDistances![i].Count; k++)
            {
                Assert.InRange(Math.Abs(before.GuardDistances[i][k] - after.GuardDistances![i][k]), 0, 1e-3 * Math.Max(1, before.GuardDistances[i][k]));
            }
        }
    }

    [Fact]
    public void A_dense_head_is_not_supported()
    {
        using var model = SeededModels.Create(SeededModels.SeedCnnDefault);
        var error = Assert.Throws<NotSupportedException>(() => OnnxModelImporter.Import(OnnxExporter.ExportToBytes(model, SeededModels.Card(model, 1.0))));
        Assert.Contains("dense head", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_that_are_not_onnx_are_a_format_error() =>
        Assert.Throws<FormatException>(() => OnnxModelImporter.Import([0xFF, 0xFF, 0xFF, 0x0F]));

    private static void Disturb(CxrNet model)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        model.train();
        for (var step = 0; step < 3; step++)
        {
            model.call(rand(4, 1, 64, 64));
        }

        nn.init.normal_(model.Classifier.weight, 0, 1);
    }

    private static FittedInputGuard Guard(CxrNet model)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var k = InputGuardSpec.StandardReferenceNames.Count;
        var features = model.Embedding(rand(12 * k, 1, 64, 64));
        var width = (int)features.shape[1];
        var flat = features.data<float>().ToArray();
        var rows = Enumerable.Range(0, 12 * k).Select(i => flat.AsSpan(i * width, width).ToArray()).ToList();
        var references = TiedGaussianReferences.Fit(rows, [.. Enumerable.Range(0, rows.Count).Select(i => i % k)], k);
        return new FittedInputGuard(InputGuardSpec.ForStandardReferences(10), references, new InputGuardReport(rows.Count, 0, 1, 1, 1));
    }
}
