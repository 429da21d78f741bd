using Cxr.Core.Contracts;
using Cxr.Core.Imaging;

namespace Cxr.Testing.Models;

/// <summary>The model card every test model starts from (the exporter completes the graph's part, as for a trained
/// model); change what a test is about with <c>with { … }</c>.</summary>
public static class TestModelCard
{
    /// <summary>Metrics recorded in test cards, shaped like training's.</summary>
    public const string ValidationMetricsJson = "{\"n\":16,\"auc\":0.75,\"accuracy\":0.625,\"sensitivity\":0.75,\"specificity\":0.5}";

    /// <summary>A complete card for a model that takes <paramref name="size"/> px images.</summary>
    public static ModelCard Create(int size, string name = "test-model", double threshold = 0.5, double temperature = 1.0) => new()
    {
        Name = name,
        Version = "0.0.0-test",
        Preprocess = new PreprocessSpec(size),
        Threshold = threshold,
        ThresholdPolicy = "youden",
        Temperature = temperature,
        TrainedUtc = "2025-01-01T00:00:00Z",
        ValidationMetricsJson = ValidationMetricsJson,
    };
}
