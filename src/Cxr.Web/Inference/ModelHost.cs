using System.Diagnostics;
using Cxr.Core.Imaging;
using Cxr.Inference;
using Cxr.Web.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cxr.Web.Inference;

/// <summary>
/// Owns the one <see cref="ChestXrayPredictor"/> of the process. Created at startup (the app resolves it before it
/// listens), so a missing or invalid model stops the service at once with <see cref="ModelStartupException"/>.
/// </summary>
public sealed partial class ModelHost : IDisposable
{
    /// <summary>Loads and warms up the model named by <see cref="CxrWebOptions.ModelPath"/>.</summary>
    /// <exception cref="ModelStartupException">The file is missing, unreadable or not a cxr model.</exception>
    public ModelHost(IOptions<CxrWebOptions> options, ILogger<ModelHost> logger)
    {
        var settings = options.Value;
        ModelPath = Path.GetFullPath(settings.ModelPath);
        if (!File.Exists(ModelPath))
        {
            throw new ModelStartupException(
                $"The model file '{ModelPath}' does not exist. Pass an ONNX model made by `cxr train` " +
                "(`cxr serve --model FILE`, or the Cxr:ModelPath setting).");
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            Predictor = ChestXrayPredictor.Load(ModelPath, new PredictorOptions(
                IntraOpThreads: settings.IntraOpThreads,
                Limits: new ImageLimits(settings.MaxRequestBytes, settings.MaxPixels),
                WarmUp: true));
        }
        catch (ModelLoadException e)
        {
            throw new ModelStartupException($"The model '{ModelPath}' cannot be used: {e.Message}", e);
        }

        var model = Predictor.Model;
        var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        LogLoaded(logger, model.Name, model.Version, model.Sha256, ModelPath, elapsedMs);
    }

    /// <summary>Absolute path of the loaded model file.</summary>
    public string ModelPath { get; }

    /// <summary>The loaded predictor (thread-safe: one instance serves all requests).</summary>
    public ChestXrayPredictor Predictor { get; }

    /// <summary>The model's card.</summary>
    public ModelInfo Model => Predictor.Model;

    public void Dispose() => Predictor.Dispose();

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Model {ModelName} {ModelVersion} (sha256 {Sha256}) loaded from {ModelPath} in {ElapsedMs:0} ms")]
    private static partial void LogLoaded(ILogger logger, string modelName, string modelVersion, string sha256, string modelPath, double elapsedMs);
}
