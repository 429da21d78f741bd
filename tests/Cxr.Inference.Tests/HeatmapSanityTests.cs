using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Cxr.Inference.Tests;

/// <summary>A tiny CxrNet trained in the test to detect a bright blob points its heatmap at the blob.</summary>
[Collection(TorchModelCollection.Name)]
public sealed class HeatmapSanityTests(TorchModels models, ITestOutputHelper output)
{
    public static TheoryData<int, int> BlobCentres => new() { { 16, 16 }, { 46, 20 }, { 24, 48 }, { 50, 50 } };

    [Theory]
    [MemberData(nameof(BlobCentres))]
    public void The_heatmap_maximum_lies_inside_the_blob(int cx, int cy)
    {
        var (_, onnx, auc) = models.Blob;
        output.WriteLine($"blob detector held-out AUC {auc:F3}");
        Assert.True(auc > 0.95, $"the blob detector did not learn (held-out AUC {auc:F3})");
        using var predictor = ChestXrayPredictor.Load(onnx, "blob.onnx");

        var pixels = TorchModels.BlobImage(new Random(cx * 100 + cy), (cx, cy));
        var prediction = predictor.Predict(TestImages.Encode(pixels, TorchModels.BlobSize, TorchModels.BlobSize));
        var heatmap = prediction.Heatmap!;
        var best = Array.IndexOf(heatmap.Values, heatmap.Values.Max());
        var (x, y) = (best % heatmap.Width, best / heatmap.Width);
        output.WriteLine($"blob at ({cx},{cy}): heatmap max at ({x},{y}), P = {prediction.Probability:F3}, grid {heatmap.GridWidth}x{heatmap.GridHeight}");

        Assert.Equal("PNEUMONIA", prediction.Label);
        var distance = Math.Sqrt(((x - cx) * (x - cx)) + ((y - cy) * (y - cy)));
        Assert.True(distance <= TorchModels.BlobRadius, $"heatmap maximum ({x},{y}) is {distance:F1} px from the blob centre ({cx},{cy}); radius {TorchModels.BlobRadius}");
    }

    [Fact]
    public void Without_a_blob_the_model_says_normal()
    {
        using var predictor = ChestXrayPredictor.Load(models.Blob.Onnx, "blob.onnx");
        var random = new Random(99);
        var normals = Enumerable.Range(0, 8)
            .Select(_ => predictor.Predict(TestImages.Encode(TorchModels.BlobImage(random, null), TorchModels.BlobSize, TorchModels.BlobSize)))
            .Count(p => p.Label == "NORMAL");
        Assert.True(normals >= 7, $"only {normals} of 8 blob-free images were called NORMAL");
    }

    [Fact]
    public void The_predictor_matches_the_torchsharp_eval_forward_of_the_same_weights()
    {
        var (model, onnx, _) = models.Blob;
        using var predictor = ChestXrayPredictor.Load(onnx, "blob.onnx");
        var random = new Random(12);
        var images = Enumerable.Range(0, 8)
            .Select(i => TestImages.Encode(TorchModels.BlobImage(random, i % 2 == 0 ? (20 + i, 30) : null), TorchModels.BlobSize, TorchModels.BlobSize))
            .ToList();
        var predictions = predictor.PredictBatch(images);

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        model.eval();
        var data = predictions.SelectMany(p => p.Image.Resized.Pixels.Select(b => b / 255f)).ToArray();
        var torchLogits = model.call(tensor(data, [images.Count, 1, TorchModels.BlobSize, TorchModels.BlobSize])).data<float>().ToArray();
        var camGrid = model.ClassActivationMap(tensor(data, [images.Count, 1, TorchModels.BlobSize, TorchModels.BlobSize])).data<float>().ToArray();
        var cells = predictions[0].Heatmap!.Grid.Length;
        for (var i = 0; i < images.Count; i++)
        {
            Assert.Equal(torchLogits[i], predictions[i].Logit, 1e-3);
            for (var c = 0; c < cells; c++)
            {
                Assert.Equal(camGrid[(i * cells) + c], predictions[i].Heatmap!.Grid[c], 1e-3);
            }
        }
    }
}
