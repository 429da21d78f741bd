using System.Diagnostics;
using Cxr.Inference;

namespace Cxr.LoadTest;

/// <summary>The predictor's own throughput, in process, no HTTP: the ceiling the web API is compared with.</summary>
internal static class PredictorLoad
{
    public static (double PerSecond, LatencyRecorder Recorder) Run(string model, byte[] image, int callers, int intraOpThreads, TimeSpan warmup, TimeSpan duration)
    {
        using var predictor = ChestXrayPredictor.Load(model, new PredictorOptions(IntraOpThreads: intraOpThreads));
        var request = new PredictionRequest(Heatmap: false);
        var recorder = new LatencyRecorder();
        var warmupEnds = Stopwatch.GetTimestamp() + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var ends = warmupEnds + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var threads = Enumerable.Range(0, callers).Select(_ => new Thread(() =>
        {
            while (Stopwatch.GetTimestamp() < ends)
            {
                var started = Stopwatch.GetTimestamp();
                predictor.Predict(image, request);
                if (started >= warmupEnds)
                {
                    recorder.Record(200, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        return (recorder.Count / duration.TotalSeconds, recorder);
    }
}
