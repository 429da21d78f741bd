using Cxr.Core.Contracts;
using Cxr.Testing.Images;
using Cxr.Testing.Models;
using Cxr.Training.Export;
using Cxr.Training.Models;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace Cxr.Training.Tests.Export;

/// <summary>An ensemble is one ONNX graph whose <c>logit</c>, <c>heatmap</c>, <c>features</c> and <c>member_spread</c> are
/// what TorchSharp computes from the members (mean, mean, side by side, spread of the calibrated probabilities), on real
/// chest X-rays; its card and self-test say so; and the exporter refuses cards that do not match what is exported.</summary>
[Collection(TorchGeneratorCollection.Name)]
public sealed class OnnxEnsembleExportTests
{
    private const int Size = 96;
    private const double Temperature = 1.6;

    private static readonly EnsembleSpec ThreeMembers = new(3, [5, 6, 7], 5, EnsembleSpec.OutOfFoldCalibration);

    [Fact]
    public void The_graph_computes_the_members_mean_logit_mean_heatmap_joined_features_and_probability_spread()
    {
        using var ensemble = Members(3);
        var bytes = OnnxExporter.EnsembleToBytes(ensemble, Card());
        using var session = new InferenceSession(bytes);
        var images = SampleImages.Load(Size);
        var count = images.Length / (Size * Size);

        var onnx = OnnxRun.Run(session, images, Size);

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var evaluation = ensemble.EnterEvaluationMode();
        var input = tensor(images, [count, 1, Size, Size]);
        var memberLogits = ensemble.MemberLogits(input).to_type(ScalarType.Float64).data<double>().ToArray();
        var cam = ensemble.ClassActivationMap(input).data<float>().ToArray();
        var features = ensemble.Embedding(input).data<float>().ToArray();
        var memberCams = ensemble.Members.Select(m => m.ClassActivationMap(input).data<float>().ToArray()).ToArray();
        var spreads = new List<double>();
        for (var i = 0; i < count; i++)
        {
            var row = memberLogits.AsSpan(i * 3, 3).ToArray();
            var mean = row.Average();
            var spread = CxrEnsemble.MemberSpreadFromLogits(row, Temperature);
            spreads.Add(spread);
            Assert.InRange(Math.Abs(onnx[OnnxModelContract.LogitOutput].Values[i] - mean), 0, 1e-3 * Math.Max(1, Math.Abs(mean)));
            Assert.InRange(Math.Abs(onnx[OnnxModelContract.ProbabilityOutput].Values[i] - (1 / (1 + Math.Exp(-mean / Temperature)))), 0, 1e-4);
            Assert.InRange(Math.Abs(onnx[OnnxModelContract.MemberSpreadOutput].Values[i] - spread), 0, 1e-4);
        }

        var heatmap = onnx[OnnxModelContract.HeatmapOutput];
        Assert.Equal([count, 12, 12], heatmap.Shape);
        Assert.InRange(heatmap.Values.Zip(cam, (a, b) => (double)Math.Abs(a - b)).Max(), 0, 1e-3);
        // The mean map is the members' maps averaged cell by cell, not some other combination.
        var averaged = Enumerable.Range(0, cam.Length).Select(j => memberCams.Average(m => (double)m[j])).ToArray();
        Assert.InRange(cam.Zip(averaged, (a, b) => Math.Abs(a - b)).Max(), 0, 1e-5);
        Assert.Equal([count, 3 * 24], onnx[OnnxModelContract.FeaturesOutput].Shape);
        Assert.InRange(onnx[OnnxModelContract.FeaturesOutput].Values.Zip(features, (a, b) => (double)Math.Abs(a - b)).Max(), 0, 1e-3 * Math.Max(1, features.Max(Math.Abs)));
        Assert.True(spreads.Max() > 0.01, "members that always agree would not test the spread");
    }

    [Fact]
    public void The_card_names_the_outputs_and_the_ensemble_and_the_self_test_records_the_spread()
    {
        using var ensemble = Members(3);
        var model = ModelProto.Parser.ParseFrom(OnnxExporter.EnsembleToBytes(ensemble, Card()));
        var card = ModelCard.Parse(model.MetadataProps.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), "ensemble");

        Assert.Equal(
            [OnnxModelContract.LogitOutput, OnnxModelContract.ProbabilityOutput, OnnxModelContract.HeatmapOutput, OnnxModelContract.FeaturesOutput, OnnxModelContract.MemberSpreadOutput],
            card.Outputs);
        Assert.Equal(card.Outputs, model.Graph.Output.Select(o => o.Name));
        Assert.Equal(CxrNet.ArchitectureId, card.Architecture);
        Assert.Equal((12, 12), card.HeatmapSize);
        Assert.Equal(ThreeMembers.Seeds, card.Ensemble!.Seeds);
        Assert.Equal(ProbeImages.Count, card.SelfTest!.MemberSpread!.Count);
        Assert.Equal(3 * 24, card.SelfTest.Features[0].Count);
        Assert.Equal(OnnxWeightsHash.Compute(model.ToByteArray()), card.WeightsSha256);
        // Every member's weights are in the graph under its own prefix.
        foreach (var prefix in new[] { "member1_", "member2_", "member3_" })
        {
            Assert.Contains(model.Graph.Initializer, t => t.Name == prefix + "classifier.weight");
            Assert.Contains(model.Graph.Initializer, t => t.Name == prefix + "block1_conv1.weight");
        }

        Assert.Single(model.Graph.Node, n => n.Name == "standardize");
    }

    [Fact]
    public void A_card_that_does_not_describe_the_exported_ensemble_is_refused()
    {
        using var ensemble = Members(2);

        var none = Assert.Throws<ArgumentException>(() => OnnxExporter.EnsembleToBytes(ensemble, Card() with { Ensemble = null }));
        var three = Assert.Throws<ArgumentException>(() => OnnxExporter.EnsembleToBytes(ensemble, Card()));
        var single = Assert.Throws<ArgumentException>(() => OnnxExporter.ExportToBytes(ensemble.Members[0], Card()));

        Assert.Contains("(2 members); its ensemble entry says nothing", none.Message, StringComparison.Ordinal);
        Assert.Contains("its ensemble entry says 3 members", three.Message, StringComparison.Ordinal);
        Assert.Contains("describes an ensemble of 3 members but one model is exported", single.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_importer_behind_model_upgrade_refuses_an_ensemble_with_one_sentence()
    {
        using var ensemble = Members(3);

        var error = Assert.Throws<NotSupportedException>(() => OnnxModelImporter.Import(OnnxExporter.EnsembleToBytes(ensemble, Card())));

        Assert.Equal(
            "it is an ensemble of 3 cxrnet members, and ensembles are written with their self-test and weights checksum from the start, so there is nothing to add.",
            error.Message);
    }

    [Fact]
    public void Members_of_different_shapes_or_without_a_class_activation_map_do_not_make_an_ensemble()
    {
        torch.manual_seed(1);
        using var small = new CxrNet(SeededModels.SmallOptions);
        using var other = new CxrNet(SeededModels.SmallOptions with { InputSize = 128 });
        using var dense = new SeedCnn();
        using var dense2 = new SeedCnn();

        var sizes = Assert.Throws<ArgumentException>(() => new CxrEnsemble([small, other]));
        var head = Assert.Throws<ArgumentException>(() => new CxrEnsemble([dense, dense2]));
        var one = Assert.Throws<ArgumentException>(() => new CxrEnsemble([small]));

        Assert.Contains("must share architecture, input size", sizes.Message, StringComparison.Ordinal);
        Assert.Contains("needs a global-average-pool head", head.Message, StringComparison.Ordinal);
        Assert.Contains("at least 2 members; got 1", one.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Member_spread_is_the_population_standard_deviation_of_the_calibrated_probabilities()
    {
        using var scope = NewDisposeScope();
        var logits = tensor(new float[] { 0, 0, 2, -2, 1, 3 }, [2, 3]);

        var spread = CxrEnsemble.MemberSpread(logits, 2.0).data<float>().ToArray();

        double Sigmoid(double x) => 1 / (1 + Math.Exp(-x / 2.0));
        double[] first = [Sigmoid(0), Sigmoid(0), Sigmoid(2)];
        double[] second = [Sigmoid(-2), Sigmoid(1), Sigmoid(3)];
        double Population(double[] p) => Math.Sqrt(p.Average(v => (v - p.Average()) * (v - p.Average())));
        Assert.Equal(Population(first), spread[0], 6);
        Assert.Equal(Population(second), spread[1], 6);
        Assert.Equal(Population(second), CxrEnsemble.MemberSpreadFromLogits([-2.0, 1, 3], 2.0), 12);
        Assert.Equal(0, CxrEnsemble.MemberSpreadFromLogits([1.5, 1.5], 1.0));
    }

    private static ModelCard Card() =>
        TestModelCard.Create(Size, "test-ensemble", temperature: Temperature) with { Ensemble = ThreeMembers };

    /// <summary>Seeded <c>cxrnet-small</c>-shaped members (96 px, standardising, heatmap 12×12) that disagree: each has
    /// its own initialisation, moved batch-norm statistics and a rescaled classifier.</summary>
    private static CxrEnsemble Members(int count)
    {
        var members = new List<CxrModel>();
        for (var k = 0; k < count; k++)
        {
            torch.manual_seed(10 + k);
            var member = new CxrNet(SeededModels.SmallOptions with { Standardize = true });
            using (var scope = NewDisposeScope())
            using (var noGrad = no_grad())
            {
                member.train();
                for (var step = 0; step < 3; step++)
                {
                    member.call(rand(4, 1, Size, Size));
                }

                nn.init.normal_(member.Classifier.weight, 0, 2);
            }

            member.eval();
            members.Add(member);
        }

        return new CxrEnsemble(members);
    }
}
