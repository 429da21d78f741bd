using Cxr.Core.Contracts;
using Cxr.Testing.Models;
using Cxr.Testing.Onnx;
using Xunit.Abstractions;

namespace Cxr.Inference.Tests;

/// <summary>A model checks itself when it is loaded: its weights against the checksum recorded at export, and ONNX
/// Runtime's outputs for the probe images against what TorchSharp computed. A damaged file or a wrong runtime never
/// serves; the message is one sentence that says what disagreed.</summary>
public sealed class ModelSelfTestTests(ITestOutputHelper output)
{
    private const string Source = "models/x.onnx";

    private static readonly Lazy<byte[]> Committed = new(() => File.ReadAllBytes(CommittedModel.Path));

    public static TheoryData<int, double> EveryInitializer()
    {
        var data = new TheoryData<int, double>();
        var count = ModelTampering.Initializers(File.ReadAllBytes(CommittedModel.Path)).Count;
        for (var i = 0; i < count; i++)
        {
            // A different place in each: the first byte, the last, and points between.
            data.Add(i, i % 3 == 0 ? 0 : i % 3 == 1 ? 0.999999 : 0.37 + (0.05 * i % 0.5));
        }

        return data;
    }

    [Fact]
    public void The_committed_model_passes_and_reports_what_it_compared()
    {
        var result = CommittedModel.Predictor.Model.SelfTest;
        Assert.NotNull(result);
        output.WriteLine($"{result}");
        Assert.Equal(OnnxWeightsHash.Compute(Committed.Value), result.WeightsSha256);
        Assert.Equal(CommittedModel.Predictor.Model.Metadata[ModelMetadataKeys.WeightsSha256], result.WeightsSha256);
        Assert.Equal(ProbeImages.Count, result.ProbeImages);
        Assert.InRange(result.MaxLogitDeviation, 0, result.Tolerance);
        Assert.InRange(result.MaxFeatureDeviation, 0, result.Tolerance);
        Assert.NotNull(result.MaxGuardDeviation);
        Assert.InRange(result.ElapsedMs, 0, double.MaxValue);
    }

    [Theory]
    [MemberData(nameof(EveryInitializer))]
    public void One_changed_bit_in_any_weight_is_refused(int initializer, double position)
    {
        var damaged = ModelTampering.FlipWeightBit(Committed.Value, initializer, position);

        var error = Assert.Throws<ModelLoadException>(() => ChestXrayPredictor.Load(damaged, Source));

        output.WriteLine(error.Message);
        Assert.StartsWith($"{Source} is damaged: its weights hash to sha256 ", error.Message, StringComparison.Ordinal);
        Assert.Contains("a weight changed after export", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData("logit", 0, "'logit'")]
    [InlineData("features", 3, "'features'[3]")]
    [InlineData("guardDistances", 1, "'guard_distances'[1]")]
    public void A_tampered_probe_output_is_refused_naming_the_output_the_gap_and_the_tolerance(string recorded, int index, string named)
    {
        var expected = ModelTampering.ProbeValue(Committed.Value, recorded, index);
        var tampered = ModelTampering.WithShiftedProbe(Committed.Value, recorded, index, delta: 0.5 + (0.01 * Math.Abs(expected)));

        var error = Assert.Throws<ModelLoadException>(() => ChestXrayPredictor.Load(tampered, Source));

        output.WriteLine(error.Message);
        Assert.StartsWith($"{Source} fails its self-test: ONNX Runtime computes {named} = ", error.Message, StringComparison.Ordinal);
        Assert.Contains("for probe image 0 (1 px texture) where TorchSharp computed", error.Message, StringComparison.Ordinal);
        Assert.Contains("apart against a tolerance of", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_shift_inside_the_tolerance_passes()
    {
        var expected = ModelTampering.ProbeValue(Committed.Value, "logit", 0);
        var delta = 1e-4 * Math.Max(1, Math.Abs(expected)); // a tenth of the allowance
        var nudged = ModelTampering.WithShiftedProbe(Committed.Value, "logit", 0, delta);

        using var predictor = ChestXrayPredictor.Load(nudged, Source, new PredictorOptions(WarmUp: false));

        Assert.InRange(predictor.Model.SelfTest!.MaxLogitDeviation, delta / 2, 2 * delta);
    }

    [Theory]
    [InlineData(ModelMetadataKeys.WeightsSha256, "records no weights checksum ('cxr.weights.sha256')")]
    [InlineData(ModelMetadataKeys.SelfTest, "carries no self-test ('cxr.selftest')")]
    public void A_model_without_its_checks_is_refused(string key, string reason)
    {
        var stripped = ModelTampering.WithMetadata(Committed.Value, key, null);

        var error = Assert.Throws<ModelLoadException>(() => ChestXrayPredictor.Load(stripped, Source));

        Assert.Equal($"{Source} {reason}, so {(key == ModelMetadataKeys.SelfTest ? "a runtime that computes it wrongly" : "damage to it")} could not be detected; re-export it with this version of cxr (cxr model upgrade)", error.Message);
    }

    [Fact]
    public void An_unreadable_self_test_is_named()
    {
        var broken = ModelTampering.WithMetadata(Committed.Value, ModelMetadataKeys.SelfTest, "{\"images\":\"cxr-probe-v2\",\"tolerance\":0.001,\"logit\":[1]}");

        var error = Assert.Throws<ModelLoadException>(() => ChestXrayPredictor.Load(broken, Source));

        Assert.Equal($"{Source} has an unusable 'cxr.selftest': Self-test: logit must hold 4 values; it holds 1.", error.Message);
    }

    [Fact]
    public void Metadata_edits_outside_the_checks_leave_the_weights_checksum_valid()
    {
        // The checksum covers the weights only; the threshold, say, is metadata a deployment may legitimately restamp.
        var restamped = ModelTampering.WithMetadata(Committed.Value, ModelMetadataKeys.Threshold, "0.5");

        using var predictor = ChestXrayPredictor.Load(restamped, Source, new PredictorOptions(WarmUp: false));

        Assert.Equal(0.5, predictor.Model.Threshold);
        Assert.Equal(CommittedModel.Predictor.Model.SelfTest!.WeightsSha256, predictor.Model.SelfTest!.WeightsSha256);
    }

    [Fact]
    public void A_synthetic_model_whose_graph_disagrees_with_its_record_fails_on_the_logit()
    {
        // Recorded for a brightness weight of 8, but the graph's weight is 8 too while the bias differs: the record is
        // for another model. Built without TorchSharp, so this is also the path a miscomputing runtime takes.
        var record = SyntheticOnnxModel.SelfTest(64);
        var wrong = record with { Logit = [.. record.Logit.Select(l => l + 1f)] };
        var metadata = SyntheticOnnxModel.Metadata(64);
        metadata[ModelMetadataKeys.SelfTest] = wrong.ToJson();

        var error = Assert.Throws<ModelLoadException>(() => ChestXrayPredictor.Load(SyntheticOnnxModel.Create(64, metadata: metadata), Source));

        Assert.Contains("fails its self-test: ONNX Runtime computes 'logit' = ", error.Message, StringComparison.Ordinal);
    }
}
