using System.Diagnostics;
using Cxr.Core.Imaging;
using Cxr.Inference;

namespace Cxr.Cli.Predictions;

/// <summary>Predicts many files: each is decoded on its own (a bad file becomes a <see cref="FileFailure"/> and the
/// rest go on), and the good ones go through ONNX Runtime in batches of <see cref="ChunkSize"/>.</summary>
internal static class FilePredictionRunner
{
    public const int ChunkSize = 16;

    /// <param name="predictor">The loaded model.</param>
    /// <param name="files">Files to predict, in output order.</param>
    /// <param name="request">Threshold override and whether heatmaps are needed.</param>
    /// <param name="finish">Turns each successful prediction into its result while the images are still in memory
    /// (e.g. to write a heatmap); default <see cref="IFileResult.From"/> without force.</param>
    /// <param name="progress">Receives the number of files done.</param>
    /// <param name="cancellationToken">Stops between files.</param>
    public static IFileResult[] Run(
        ChestXrayPredictor predictor,
        IReadOnlyList<string> files,
        PredictionRequest request,
        Func<string, Prediction, IFileResult>? finish = null,
        Action<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        finish ??= (file, prediction) => IFileResult.From(file, prediction, force: false);
        var results = new IFileResult[files.Count];
        var good = new List<(int Index, PreprocessedImage Image, double DecodeMs)>(ChunkSize);
        for (var offset = 0; offset < files.Count; offset += ChunkSize)
        {
            var end = Math.Min(files.Count, offset + ChunkSize);
            good.Clear();
            for (var i = offset; i < end; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var start = Stopwatch.GetTimestamp();
                try
                {
                    var image = predictor.Pipeline.ProcessFile(files[i], cancellationToken);
                    good.Add((i, image, Stopwatch.GetElapsedTime(start).TotalMilliseconds));
                }
                catch (ImageInputException ex)
                {
                    results[i] = new FileFailure(files[i], ex.Message, ex.Code);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    results[i] = new FileFailure(files[i], "cannot be read: " + ex.Message, "unreadable");
                }
            }

            if (good.Count > 0)
            {
                var predictions = predictor.PredictBatch(good.Select(g => g.Image).ToList(), request, cancellationToken);
                for (var k = 0; k < good.Count; k++)
                {
                    var (index, _, decodeMs) = good[k];
                    var p = predictions[k];
                    var timed = p with { Timings = p.Timings with { DecodeMs = decodeMs, TotalMs = p.Timings.TotalMs + decodeMs } };
                    results[index] = finish(files[index], timed);
                }
            }

            progress?.Invoke(end);
        }

        return results;
    }
}
