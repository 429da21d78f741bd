using Cxr.Core.Contracts;
using Cxr.Testing.Models;
using Cxr.Training.Export;
using Cxr.Training.Guard;
using Cxr.Training.Models;
using Microsoft.ML.OnnxRuntime;
using TorchSharp;

namespace Cxr.Training.Tests.Export;

/// <summary>The <c>guard_distances</c> output and <c>cxr.guard</c> metadata the exporter writes for a fitted guard.</summary>
[Collection(TorchGeneratorCollection.Name)]
public sealed class OnnxExporterGuardTests
{
    private const int Size = 32;
    private const int FeatureWidth = 12;

    [Fact]
    public void Guard_distances_equal_the_references_squared_distances_of_the_features_output()
    {
        using var model = TinyModel();
        var guard = RandomGuard(FeatureWidth, seed: 5);
        using var session = new InferenceSession(OnnxExporter.ExportToBytes(model, SeededModels.Card(model, 1.0), guard));

        const int batch = 6;
        var images = RandomImages(batch, seed: 9);
        var outputs = OnnxRun.Run(session, images, Size);

        var (distances, shape) = outputs[OnnxModelContract.GuardDistancesOutput];
        var k = InputGuardFitter.ReferenceNames.Count;
        Assert.Equal(new long[] { batch, k }, shape);
        var features = outputs[OnnxModelContract.FeaturesOutput].Values;
        Assert.Equal(batch * FeatureWidth, features.Length);
        for (var i = 0; i < batch; i++)
        {
            var expected = guard.References.SquaredDistances(features.AsSpan(i * FeatureWidth, FeatureWidth));
            for (var j = 0; j < k; j++)
            {
                var actual = distances[(i * k) + j];
                Assert.True(expected[j] > 0, $"image {i} reference {j}: a degenerate case ({expected[j]}) would prove nothing");
                Assert.True(
                    Math.Abs(actual - expected[j]) <= 1e-5 * expected[j],
                    $"image {i} reference {j}: ONNX {actual}, C# {expected[j]}");
            }
        }
    }

    [Fact]
    public void Guard_distances_stay_exact_next_to_a_mean_under_a_tight_covariance()
    {
        // An image whose features sit next to a reference mean, under a covariance of spread 1e-3: fᵀPf is ~10⁷ while the
        // distance is ~1, so expanding fᵀPf − 2μᵀPf + μᵀPμ would cancel catastrophically; the graph works on differences
        // in float64.
        using var model = TinyModel();
        var images = RandomImages(3, seed: 4);
        using var plain = new InferenceSession(OnnxExporter.ExportToBytes(model, SeededModels.Card(model, 1.0)));
        var features = OnnxRun.Run(plain, images, Size)[OnnxModelContract.FeaturesOutput].Values;

        // References centred on the first image's own features (plus a tiny spread), so its distance is small.
        var random = new Random(1);
        var rows = new List<float[]>();
        var groups = new List<int>();
        var k = InputGuardFitter.ReferenceNames.Count;
        for (var i = 0; i < 10 * k; i++)
        {
            rows.Add(features.AsSpan(0, FeatureWidth).ToArray().Select(f => f + (1e-3f * (float)(random.NextDouble() - 0.5)) + (i % k)).ToArray());
            groups.Add(i % k);
        }

        var guard = Guard(TiedGaussianReferences.Fit(rows, groups, k));
        using var session = new InferenceSession(OnnxExporter.ExportToBytes(model, SeededModels.Card(model, 1.0), guard));
        var outputs = OnnxRun.Run(session, images, Size);
        var distances = outputs[OnnxModelContract.GuardDistancesOutput].Values;
        var expected = guard.References.SquaredDistances(outputs[OnnxModelContract.FeaturesOutput].Values.AsSpan(0, FeatureWidth));
        for (var j = 0; j < k; j++)
        {
            Assert.True(Math.Abs(distances[j] - expected[j]) <= 1e-5 * expected[j], $"reference {j}: ONNX {distances[j]}, C# {expected[j]}");
        }
    }

    [Fact]
    public void Metadata_carries_the_spec_and_lists_guard_distances_last()
    {
        using var model = TinyModel();
        var guard = RandomGuard(FeatureWidth, seed: 2);
        // The guard is exporter-owned: a caller's value is replaced by the fitted guard's spec.
        var card = SeededModels.Card(model) with { Guard = InputGuardSpec.ForStandardReferences(99) };
        using var session = new InferenceSession(OnnxExporter.ExportToBytes(model, card, guard));

        var map = session.ModelMetadata.CustomMetadataMap;
        Assert.Equal(guard.Spec.ToJson(), map[ModelMetadataKeys.InputGuard]);
        Assert.Equal("logit,probability,heatmap,features,guard_distances", map[ModelMetadataKeys.Outputs]);
        Assert.Equal(OnnxModelContract.GuardDistancesOutput, session.OutputNames[^1]);
        var output = session.OutputMetadata[OnnxModelContract.GuardDistancesOutput];
        Assert.Equal(new[] { -1, InputGuardFitter.ReferenceNames.Count }, output.Dimensions);
        Assert.Equal(OnnxModelContract.BatchDimension, output.SymbolicDimensions[0]);
        Assert.Equal(typeof(float), output.ElementType);

        var back = InputGuardSpec.FromJson(map[ModelMetadataKeys.InputGuard]);
        Assert.Equal(guard.Spec.References, back.References);
        Assert.Equal(guard.Spec.DistanceThreshold, back.DistanceThreshold);
    }

    [Fact]
    public void Without_a_guard_there_is_no_guard_output_and_a_callers_guard_key_is_dropped()
    {
        using var model = TinyModel();
        var card = SeededModels.Card(model) with { Guard = InputGuardSpec.ForStandardReferences(99) };
        using var session = new InferenceSession(OnnxExporter.ExportToBytes(model, card));

        Assert.DoesNotContain(OnnxModelContract.GuardDistancesOutput, session.OutputNames);
        Assert.False(session.ModelMetadata.CustomMetadataMap.ContainsKey(ModelMetadataKeys.InputGuard));
        Assert.Equal("logit,probability,heatmap,features", session.ModelMetadata.CustomMetadataMap[ModelMetadataKeys.Outputs]);
    }

    [Fact]
    public void Seed_cnn_dense_features_get_the_guard_too()
    {
        torch.manual_seed(3);
        using var model = new SeedCnn();
        var width = (int)model.Dense.out_features;
        var guard = RandomGuard(width, seed: 8);
        using var session = new InferenceSession(OnnxExporter.ExportToBytes(model, SeededModels.Card(model, 1.0), guard));

        Assert.Equal(["logit", "probability", "features", "guard_distances"], session.OutputNames);
        var size = model.InputSize;
        var random = new Random(6);
        var images = Enumerable.Range(0, 2 * size * size).Select(_ => (float)random.NextDouble()).ToArray();
        var outputs = OnnxRun.Run(session, images, size);
        var features = outputs[OnnxModelContract.FeaturesOutput].Values;
        var distances = outputs[OnnxModelContract.GuardDistancesOutput].Values;
        var k = InputGuardFitter.ReferenceNames.Count;
        for (var i = 0; i < 2; i++)
        {
            var expected = guard.References.SquaredDistances(features.AsSpan(i * width, width));
            for (var j = 0; j < k; j++)
            {
                Assert.True(Math.Abs(distances[(i * k) + j] - expected[j]) <= 1e-5 * expected[j], $"image {i} reference {j}");
            }
        }
    }

    [Fact]
    public void A_guard_fitted_on_other_features_is_refused_before_anything_is_written()
    {
        using var model = TinyModel();
        var error = Assert.Throws<ArgumentException>(() => OnnxExporter.ExportToBytes(model, SeededModels.Card(model, 1.0), RandomGuard(7, seed: 1)));
        Assert.Equal("guard", error.ParamName);
        Assert.StartsWith(
            "The input guard does not fit the model: it holds 6 references of 7 features and its spec names 6 references; the model has 12 features.",
            error.Message,
            StringComparison.Ordinal);

        var path = Path.Combine(Path.GetTempPath(), $"cxr-guard-{Guid.NewGuid():N}.onnx");
        Assert.Throws<ArgumentException>(() => OnnxExporter.Export(model, path, SeededModels.Card(model, 1.0), RandomGuard(7, seed: 1)));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void A_spec_naming_another_number_of_references_is_refused()
    {
        using var model = TinyModel();
        var guard = RandomGuard(FeatureWidth, seed: 1);
        var fewer = guard with { Spec = guard.Spec with { References = ["NORMAL", "PNEUMONIA", "ROTATED_90_CW", "ROTATED_90_CCW"] } };
        var error = Assert.Throws<ArgumentException>(() => OnnxExporter.ExportToBytes(model, SeededModels.Card(model, 1.0), fewer));
        Assert.Contains("its spec names 4 references", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A seeded 32-px CxrNet with 12 features, in eval mode (fresh batch norm statistics are fine here).</summary>
    private static CxrNet TinyModel()
    {
        torch.manual_seed(1);
        var model = new CxrNet(new CxrNetOptions(InputSize: Size, StemWidth: 4, Widths: [8, FeatureWidth], ConvsPerBlock: 1));
        model.eval();
        return model;
    }

    private static float[] RandomImages(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count * Size * Size).Select(_ => (float)random.NextDouble()).ToArray();
    }

    /// <summary>References fitted on random rows: group k centred at k / 2 in every feature, spread 1.</summary>
    private static FittedInputGuard RandomGuard(int width, int seed)
    {
        var random = new Random(seed);
        var k = InputGuardFitter.ReferenceNames.Count;
        var rows = new List<float[]>();
        var groups = new List<int>();
        for (var i = 0; i < 20 * k; i++)
        {
            rows.Add(Enumerable.Range(0, width).Select(_ => (float)((i % k / 2.0) + random.NextDouble() - 0.5)).ToArray());
            groups.Add(i % k);
        }

        return Guard(TiedGaussianReferences.Fit(rows, groups, k));
    }

    private static FittedInputGuard Guard(TiedGaussianReferences references)
    {
        var spec = InputGuardSpec.ForStandardReferences(4.5) with { Percentile = 99, FitImages = 10 };
        return new FittedInputGuard(spec, references, new InputGuardReport(10, 0, 1, 1, 1));
    }
}
