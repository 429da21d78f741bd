using Cxr.Core.Contracts;
using Cxr.Testing.Models;
using Cxr.Testing.Onnx;

namespace Cxr.Inference.Tests;

/// <summary>
/// <see cref="ChestXrayPredictor"/> fills <see cref="Prediction.InputCheck"/> from the model's guard, reading each image's
/// own row of <c>guard_distances</c>. The synthetic model's distances are <c>mean(image) × scale_k</c>, so the verdict
/// and score of an image follow from its mean brightness.
/// </summary>
public sealed class PredictionInputCheckTests
{
    private const int Size = 64;

    private static readonly InputGuardSpec Learned = InputGuardSpec.ForStandardReferences(0.9);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Each_image_of_a_batch_gets_the_score_of_its_own_distances_row(bool heatmap)
    {
        // Nearest NORMAL: score = sqrt(mean).
        using var predictor = Load(Learned, [1, 4, 9, 9, 9, 9]);
        byte[][] images = [Textured(60), Textured(150), Textured(100)];

        var predictions = predictor.PredictBatch(images, new PredictionRequest(Heatmap: heatmap));

        for (var i = 0; i < images.Length; i++)
        {
            var check = predictions[i].InputCheck;
            var expected = Math.Sqrt(Mean(predictor, images[i]));
            Assert.True(check.IsChestXray, check.Message);
            Assert.Equal(expected, check.Score!.Value, 0.0011);
            Assert.Equal(0.9, check.ScoreThreshold);
        }

        Assert.True(predictions[1].InputCheck.Score > predictions[2].InputCheck.Score);
        Assert.True(predictions[2].InputCheck.Score > predictions[0].InputCheck.Score);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_rotated_verdict_reaches_the_prediction(bool heatmap)
    {
        using var predictor = Load(Learned, [4, 4, 9, 1, 9, 9]);
        var check = predictor.Predict(Textured(120), new PredictionRequest(Heatmap: heatmap)).InputCheck;
        Assert.False(check.IsChestXray);
        Assert.Equal(InputCheckReasons.Rotated, check.Reason);
    }

    [Fact]
    public void An_inverted_verdict_reaches_the_prediction()
    {
        using var predictor = Load(Learned, [4, 4, 9, 9, 1, 9]);
        Assert.Equal(InputCheckReasons.Inverted, predictor.Predict(Textured(120)).InputCheck.Reason);
    }

    [Fact]
    public void A_score_above_the_threshold_is_out_of_distribution()
    {
        // Mean ≈ 0.78: score sqrt(4 × 0.78) ≈ 1.77 > 0.9.
        using var predictor = Load(Learned, [4, 5, 9, 9, 9, 9]);
        var check = predictor.Predict(Textured(200)).InputCheck;
        Assert.Equal(InputCheckReasons.OutOfDistribution, check.Reason);
        Assert.StartsWith("The image does not look like the frontal chest X-rays the model was trained on (score 1.", check.Message, StringComparison.Ordinal);
        Assert.EndsWith(", limit 0.9).", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_image_checks_run_for_a_model_without_a_learned_guard()
    {
        var predictor = SyntheticModels.WithHeatmap;
        var passed = predictor.Predict(Textured(120)).InputCheck;
        Assert.Equal(new InputCheck(true, null, null, null, null, 0), passed);

        var flat = predictor.Predict(TestImages.Uniform(Size, Size, 120)).InputCheck;
        Assert.Equal(InputCheckReasons.LowContrast, flat.Reason);
    }

    private static ChestXrayPredictor Load(InputGuardSpec guard, float[] scales)
    {
        var metadata = SyntheticOnnxModel.Metadata(Size);
        metadata[ModelMetadataKeys.InputGuard] = guard.ToJson();
        return ChestXrayPredictor.Load(
            SyntheticOnnxModel.Create(Size, metadata: metadata, guardScales: scales), "synthetic-guard.onnx", new PredictorOptions(IntraOpThreads: 1, WarmUp: false));
    }

    /// <summary>The model's input mean: what its <c>features</c> output holds.</summary>
    private static double Mean(ChestXrayPredictor predictor, byte[] image) => predictor.Preprocess(image).Tensor.Average(v => (double)v);

    /// <summary>A gray square around <paramref name="level"/> with a gradient and grain (passes the image checks).</summary>
    private static byte[] Textured(int level)
    {
        var random = new Random(level);
        var pixels = new byte[Size * Size];
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                pixels[(y * Size) + x] = (byte)Math.Clamp(level - 30 + y + random.Next(-15, 16), 0, 255);
            }
        }

        return TestImages.Encode(pixels, Size, Size);
    }
}
