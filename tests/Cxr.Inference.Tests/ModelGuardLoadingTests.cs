using Cxr.Core.Contracts;
using Cxr.Testing.Models;
using Cxr.Testing.Onnx;

namespace Cxr.Inference.Tests;

/// <summary>How <c>ChestXrayPredictor.Load</c> reads the optional <c>cxr.guard</c> metadata and checks it against the graph.</summary>
public sealed class ModelGuardLoadingTests
{
    private const string Source = "models/x.onnx";

    private static readonly InputGuardSpec Learned = InputGuardSpec.ForStandardReferences(3) with
    {
        Percentile = 99.5,
        FitImages = 100,
    };

    [Fact]
    public void A_model_without_a_guard_gets_the_image_checks_only()
    {
        using var predictor = ChestXrayPredictor.Load(SyntheticOnnxModel.Create(), Source);
        Assert.Same(InputGuardSpec.ImageChecksOnly, predictor.Model.Guard);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_blank_guard_value_counts_as_none(string value)
    {
        var metadata = SyntheticOnnxModel.Metadata(64);
        metadata[ModelMetadataKeys.InputGuard] = value;
        using var predictor = ChestXrayPredictor.Load(SyntheticOnnxModel.Create(metadata: metadata), Source);
        Assert.Same(InputGuardSpec.ImageChecksOnly, predictor.Model.Guard);
    }

    [Fact]
    public void An_image_checks_only_guard_loads_with_its_own_limits()
    {
        var metadata = SyntheticOnnxModel.Metadata(64);
        metadata[ModelMetadataKeys.InputGuard] = "{\"maxMeanChroma\":0.05,\"maxAspectRatio\":1.5,\"minContrast\":0.03}";
        using var predictor = ChestXrayPredictor.Load(SyntheticOnnxModel.Create(metadata: metadata), Source);

        var guard = predictor.Model.Guard;
        Assert.False(guard.HasDistances);
        Assert.Equal((0.05, 1.5, 0.03), (guard.MaxMeanChroma, guard.MaxAspectRatio, guard.MinContrast));
    }

    [Fact]
    public void A_learned_guard_loads_when_the_graph_has_its_output()
    {
        var metadata = SyntheticOnnxModel.Metadata(64);
        metadata[ModelMetadataKeys.InputGuard] = Learned.ToJson();
        using var predictor = ChestXrayPredictor.Load(SyntheticOnnxModel.Create(metadata: metadata, guardScales: [1, 2, 3, 4, 5, 6]), Source);

        var guard = predictor.Model.Guard;
        Assert.True(guard.HasDistances);
        Assert.Equal(Learned.References, guard.References);
        Assert.Equal(3, guard.DistanceThreshold);
        Assert.Equal(OnnxModelContract.GuardDistancesOutput, predictor.Model.Outputs[^1]);
    }

    [Fact]
    public void A_learned_guard_without_its_output_names_the_missing_output()
    {
        var metadata = SyntheticOnnxModel.Metadata(64);
        metadata[ModelMetadataKeys.InputGuard] = Learned.ToJson();
        var error = Assert.Throws<ModelLoadException>(() => ChestXrayPredictor.Load(SyntheticOnnxModel.Create(metadata: metadata), Source));
        Assert.Equal("models/x.onnx has no output named 'guard_distances' (outputs: logit, probability, heatmap, features)", error.Message);
    }

    [Fact]
    public void A_guard_output_with_the_wrong_number_of_columns_is_inconsistent()
    {
        var metadata = SyntheticOnnxModel.Metadata(64);
        metadata[ModelMetadataKeys.InputGuard] = Learned.ToJson();
        var error = Assert.Throws<ModelLoadException>(
            () => ChestXrayPredictor.Load(SyntheticOnnxModel.Create(metadata: metadata, guardScales: [1, 2, 3, 4, 5]), Source));
        Assert.Equal(
            "models/x.onnx is inconsistent: 'guard_distances' has 5 columns but 'cxr.guard' names 6 references", error.Message);
    }

    [Fact]
    public void An_unparsable_guard_names_the_key()
    {
        var metadata = SyntheticOnnxModel.Metadata(64);
        metadata[ModelMetadataKeys.InputGuard] = "{not json";
        var error = Assert.Throws<ModelLoadException>(() => ChestXrayPredictor.Load(SyntheticOnnxModel.Create(metadata: metadata), Source));
        Assert.StartsWith("models/x.onnx has an unusable 'cxr.guard': The input guard spec is not valid JSON: ", error.Message, StringComparison.Ordinal);
        Assert.IsType<FormatException>(error.InnerException);
    }

    [Fact]
    public void An_unusable_guard_value_names_the_key_and_the_value()
    {
        var metadata = SyntheticOnnxModel.Metadata(64);
        metadata[ModelMetadataKeys.InputGuard] = (Learned with { DistanceThreshold = null }).ToJson();
        var error = Assert.Throws<ModelLoadException>(
            () => ChestXrayPredictor.Load(SyntheticOnnxModel.Create(metadata: metadata, guardScales: [1, 2, 3, 4, 5, 6]), Source));
        Assert.Equal(
            "models/x.onnx has an unusable 'cxr.guard': Input guard spec: distanceThreshold must be a finite number > 0.", error.Message);
    }
}
