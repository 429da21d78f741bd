using System.Diagnostics;
using Cxr.Core.Imaging;
using Cxr.Testing;
using Cxr.Testing.Images;
using Xunit.Abstractions;

namespace Cxr.Inference.Tests;

/// <summary>
/// A cancelled token stops <see cref="ChestXrayPredictor"/> promptly: before any work when it is already cancelled,
/// inside decoding, and inside the ONNX Runtime run (<c>RunOptions.Terminate</c>), which ends as
/// <see cref="OperationCanceledException"/>, not as an ONNX Runtime error; the predictor keeps working afterwards.
/// </summary>
public sealed class PredictorCancellationTests(ITestOutputHelper output)
{
    // The aim is 100 ms; the bound leaves room for a loaded 2-core machine (the worker may wait for a core after the
    // cancel). The measured figures are printed and quoted in docs/reliability.md.
    private static readonly TimeSpan StopBound = TimeSpan.FromMilliseconds(500);

    [Fact]
    public void An_already_cancelled_token_stops_before_decoding()
    {
        var image = File.ReadAllBytes(TestImages.ValidationFiles[0]);

        Assert.ThrowsAny<OperationCanceledException>(() => CommittedModel.Predictor.Predict(image, null, new CancellationToken(canceled: true)));
        Assert.ThrowsAny<OperationCanceledException>(() => CommittedModel.Predictor.PredictBatch([image, image], null, new CancellationToken(canceled: true)));
    }

    [Fact]
    public void Cancelling_during_the_model_run_terminates_it()
    {
        // One ONNX Runtime call of 32 films on one thread takes a few hundred ms: long enough to cancel in its middle.
        using var predictor = ChestXrayPredictor.Load(CommittedModel.Path, new PredictorOptions(IntraOpThreads: 1, MaxBatchSize: 32));
        var films = TestImages.ValidationFiles.Take(32).Select(f => predictor.Preprocess(File.ReadAllBytes(f))).ToList();
        while (films.Count < 32)
        {
            films.Add(films[films.Count % 16]);
        }

        var whole = Stopwatch.StartNew();
        var expected = predictor.PredictBatch(films);
        var fullRun = whole.Elapsed;

        var (error, latency) = CancelInTheMiddle(token => predictor.PredictBatch(films, null, token), fullRun / 3);

        output.WriteLine($"32 films in one ONNX Runtime call: {fullRun.TotalMilliseconds:F0} ms; terminated {latency.TotalMilliseconds:F1} ms after the cancel");
        var cancelled = Assert.IsAssignableFrom<OperationCanceledException>(error);
        // Only RunOptions.Terminate can stop the call between its start and its end: no check runs in between.
        Assert.Contains("while the model was running", cancelled.Message, StringComparison.Ordinal);
        Assert.True(latency < StopBound, $"terminated {latency.TotalMilliseconds:F0} ms after the cancel; the bound is {StopBound.TotalMilliseconds:F0} ms");
        Assert.Equal(expected.Select(p => p.Probability), predictor.PredictBatch(films).Select(p => p.Probability));
    }

    [Fact]
    public void Cancelling_while_a_40_MP_film_is_decoded_stops_it()
    {
        var film = LargeFilm.Jpeg(6000, 4000);
        // The fastest of two uncancelled runs: the first pays the decoder's first use, and a cancel timed against it
        // could come after a warm run has already finished.
        var full = TimeSpan.MaxValue;
        for (var run = 0; run < 2; run++)
        {
            var whole = Stopwatch.StartNew();
            CommittedModel.Predictor.Predict(film, new PredictionRequest(Heatmap: false));
            full = TimeSpan.FromTicks(Math.Min(full.Ticks, whole.Elapsed.Ticks));
        }

        var (error, latency) = CancelInTheMiddle(token => CommittedModel.Predictor.Predict(film, null, token), full / 4);

        output.WriteLine($"24 MP JPEG ({film.Length / 1e6:F1} MB): {full.TotalMilliseconds:F0} ms to predict; stopped {latency.TotalMilliseconds:F1} ms after the cancel");
        Assert.IsAssignableFrom<OperationCanceledException>(error);
        Assert.True(latency < StopBound, $"stopped {latency.TotalMilliseconds:F0} ms after the cancel; the bound is {StopBound.TotalMilliseconds:F0} ms");
    }

    /// <summary>Runs <paramref name="work"/> on its own thread, cancels its token after <paramref name="delay"/>, and
    /// returns what it threw and how long after the cancel it returned.</summary>
    private static (Exception? Error, TimeSpan Latency) CancelInTheMiddle(Action<CancellationToken> work, TimeSpan delay)
    {
        using var cancel = new CancellationTokenSource();
        Exception? error = null;
        var stoppedAt = 0L;
        var worker = new Thread(() =>
        {
            try
            {
                work(cancel.Token);
            }
            catch (Exception e)
            {
                error = e;
            }

            stoppedAt = Stopwatch.GetTimestamp();
        });
        worker.Start();
        Thread.Sleep(delay);
        var cancelledAt = Stopwatch.GetTimestamp();
        cancel.Cancel();
        Assert.True(worker.Join(TimeSpan.FromSeconds(60)), "the work did not end");
        return (error, Stopwatch.GetElapsedTime(cancelledAt, stoppedAt));
    }
}
