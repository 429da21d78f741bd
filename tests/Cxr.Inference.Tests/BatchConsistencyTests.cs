using Xunit.Abstractions;

namespace Cxr.Inference.Tests;

/// <summary>The default CxrNet (224 px) on the real validation X-rays: batched, single and concurrent predictions agree.</summary>
[Collection(TorchModelCollection.Name)]
public sealed class BatchConsistencyTests(TorchModels models, ITestOutputHelper output)
{
    [Fact]
    public void Batch_and_single_predictions_agree_to_1e_6()
    {
        using var predictor = ChestXrayPredictor.Load(models.Default.Onnx, "cxrnet.onnx");
        var images = TestImages.ValidationFiles.Select(File.ReadAllBytes).ToList();
        Assert.Equal(16, images.Count);
        var batch = predictor.PredictBatch(images);

        double maxProbability = 0, maxLogit = 0, maxHeatmap = 0;
        for (var i = 0; i < images.Count; i++)
        {
            var single = predictor.Predict(images[i]);
            maxProbability = Math.Max(maxProbability, Math.Abs(single.Probability - batch[i].Probability));
            maxLogit = Math.Max(maxLogit, Math.Abs(single.Logit - batch[i].Logit));
            maxHeatmap = Math.Max(maxHeatmap, single.Heatmap!.Values.Zip(batch[i].Heatmap!.Values, (a, b) => (double)Math.Abs(a - b)).Max());
            Assert.Equal(single.Label, batch[i].Label);
        }

        output.WriteLine($"batch of 16 vs single: max |Δp| {maxProbability:E2}, |Δlogit| {maxLogit:E2}, |Δheatmap| {maxHeatmap:E2}; logits {batch.Min(p => p.Logit):F3}..{batch.Max(p => p.Logit):F3}");
        Assert.InRange(maxProbability, 0, 1e-6);
        Assert.InRange(maxLogit, 0, 1e-6);
        Assert.InRange(maxHeatmap, 0, 1e-6);
    }

    [Fact]
    public void Eight_parallel_callers_get_the_same_answers_as_one()
    {
        using var predictor = ChestXrayPredictor.Load(models.Default.Onnx, "cxrnet.onnx");
        var images = TestImages.ValidationFiles.Select(File.ReadAllBytes).ToList();
        var expected = images.Select(i => predictor.Predict(i)).ToList();

        var results = new Prediction[8][];
        var start = new Barrier(8);
        var threads = Enumerable.Range(0, 8).Select(t => new Thread(() =>
        {
            var mine = new Prediction[images.Count];
            start.SignalAndWait();
            // Each caller walks the images in its own order, so different images are in flight at once.
            for (var k = 0; k < images.Count; k++)
            {
                var i = (k + (t * 5)) % images.Count;
                mine[i] = predictor.Predict(images[i]);
            }

            results[t] = mine;
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        foreach (var mine in results)
        {
            for (var i = 0; i < images.Count; i++)
            {
                Assert.Equal(expected[i].Probability, mine[i].Probability);
                Assert.Equal(expected[i].Logit, mine[i].Logit);
                Assert.Equal(expected[i].Heatmap!.Grid, mine[i].Heatmap!.Grid);
            }
        }
    }
}
