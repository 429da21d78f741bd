using Cxr.Testing.Models;
using Cxr.Testing.Onnx;

namespace Cxr.Inference.Tests;

/// <summary>Predictors over <see cref="SyntheticOnnxModel"/>, built once per test run (they are thread-safe).</summary>
internal static class SyntheticModels
{
    public const int Size = 64;

    private static readonly Lazy<ChestXrayPredictor> WithHeatmapLazy = new(() => ChestXrayPredictor.Load(SyntheticOnnxModel.Create(Size), "synthetic.onnx"));
    private static readonly Lazy<ChestXrayPredictor> WithoutHeatmapLazy = new(() => ChestXrayPredictor.Load(SyntheticOnnxModel.Create(Size, heatmap: false), "synthetic-no-heatmap.onnx"));

    public static ChestXrayPredictor WithHeatmap => WithHeatmapLazy.Value;

    public static ChestXrayPredictor WithoutHeatmap => WithoutHeatmapLazy.Value;
}
