namespace Cxr.Inference.Tests;

/// <summary>The committed default model (<c>models/cxr-default.onnx</c>), loaded once for the tests that need real weights.</summary>
internal static class CommittedModel
{
    private static readonly string ModelPath = System.IO.Path.Combine(Cxr.Testing.TestData.RepoRoot, "models", "cxr-default.onnx");
    private static readonly Lazy<ChestXrayPredictor> Shared = new(() => ChestXrayPredictor.Load(ModelPath));

    /// <summary>Path of the committed model file.</summary>
    public static string Path => ModelPath;

    /// <summary>One predictor shared by every test (thread-safe; never disposed before the process exits).</summary>
    public static ChestXrayPredictor Predictor => Shared.Value;
}
