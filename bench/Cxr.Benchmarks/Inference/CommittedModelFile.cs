using Microsoft.ML.OnnxRuntime;

namespace Cxr.Benchmarks.Inference;

/// <summary>The committed model's path and the predictor's own ONNX Runtime session settings, for the benchmarks that
/// compare loading a model against bare ONNX Runtime.</summary>
public static class CommittedModelFile
{
    /// <summary><c>CXR_MODEL</c>, else <c>models/cxr-default.onnx</c> of the repository the benchmark runs in.</summary>
    public static string Path => Environment.GetEnvironmentVariable("CXR_MODEL") ?? System.IO.Path.Combine(RepoRoot(), "models", "cxr-default.onnx");

    /// <summary>The settings <c>ChestXrayPredictor</c> uses (2 threads, no spinning), so a baseline differs from it only
    /// by what the predictor adds.</summary>
    public static SessionOptions SessionOptions()
    {
        var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = 2,
            InterOpNumThreads = 1,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        return options;
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Cxr.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Run from inside the cxr repository (no Cxr.slnx above the benchmark).");
    }
}
