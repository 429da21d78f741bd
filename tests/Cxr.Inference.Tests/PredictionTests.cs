using Cxr.Core.Imaging;
using Cxr.Testing.Models;
using Cxr.Testing.Onnx;
using SkiaSharp;

namespace Cxr.Inference.Tests;

/// <summary>Predictions of the synthetic brightness model, whose answers are known in closed form.</summary>
public sealed class PredictionTests
{
    private static ChestXrayPredictor Predictor => SyntheticModels.WithHeatmap;

    [Fact]
    public void Probability_logit_and_label_follow_the_model()
    {
        var bytes = TestImages.BrightSquare(64, 64, 8, 8, 24);
        var prediction = Predictor.Predict(bytes);

        var tensor = new float[64 * 64];
        ImagePipeline.ToTensor(prediction.Image.Resized, tensor);
        var logit = SyntheticOnnxModel.Logit(tensor);
        Assert.Equal(logit, prediction.Logit, 5);
        Assert.Equal(1 / (1 + Math.Exp(-logit)), prediction.Probability, 1e-6);
        Assert.Equal(0.5, prediction.Threshold);
        Assert.Equal(prediction.Probability >= 0.5 ? "PNEUMONIA" : "NORMAL", prediction.Label);
    }

    [Fact]
    public void The_label_uses_the_stored_threshold_or_the_override()
    {
        var dark = Predictor.Predict(TestImages.Uniform(64, 64, 40));
        var bright = Predictor.Predict(TestImages.Uniform(64, 64, 220));
        Assert.Equal("NORMAL", dark.Label);
        Assert.Equal("PNEUMONIA", bright.Label);
        Assert.True(bright.IsPneumonia);

        var strict = Predictor.Predict(TestImages.Uniform(64, 64, 220), new PredictionRequest(Threshold: 0.999));
        Assert.Equal("NORMAL", strict.Label);
        Assert.Equal(0.999, strict.Threshold);
        Assert.Equal(bright.Probability, strict.Probability);

        var exactlyAt = Predictor.Predict(TestImages.Uniform(64, 64, 220), new PredictionRequest(Threshold: bright.Probability));
        Assert.Equal("PNEUMONIA", exactlyAt.Label);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void A_threshold_outside_0_1_is_refused(double threshold)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Predictor.Predict(TestImages.Uniform(64, 64, 40), new PredictionRequest(threshold)));
    }

    [Fact]
    public void Bytes_streams_and_files_give_the_same_prediction()
    {
        var bytes = TestImages.Noise(100, 3);
        var path = Path.Combine(Path.GetTempPath(), $"cxr-{Guid.NewGuid():N}.jpeg");
        File.WriteAllBytes(path, bytes);
        try
        {
            var fromBytes = Predictor.Predict(bytes);
            using var stream = new MemoryStream(bytes);
            var fromStream = Predictor.Predict(stream);
            var fromFile = Predictor.PredictFile(path);
            Assert.Equal(fromBytes.Probability, fromStream.Probability);
            Assert.Equal(fromBytes.Probability, fromFile.Probability);
            Assert.Equal(fromBytes.Heatmap!.Values, fromFile.Heatmap!.Values);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_heatmap_is_the_input_size_in_0_1_and_the_grid_is_in_logit_units()
    {
        // Bright square covering grid cells (1..3, 1..3) of the 8 × 8 grid (8 px per cell).
        var prediction = Predictor.Predict(TestImages.BrightSquare(64, 64, 8, 8, 24));
        var heatmap = prediction.Heatmap!;

        Assert.Equal(64, heatmap.Width);
        Assert.Equal(64, heatmap.Height);
        Assert.Equal(64 * 64, heatmap.Values.Length);
        Assert.Equal(8, heatmap.GridWidth);
        Assert.Equal(8, heatmap.GridHeight);
        Assert.All(heatmap.Values, v => Assert.InRange(v, 0f, 1f));
        Assert.False(heatmap.IsFlat);
        Assert.Equal(prediction.Logit, heatmap.Grid.Average(v => (double)v), 4);

        // Grid cell = Weight · mean of its 8 × 8 pixels + Bias.
        var pixels = prediction.Image.Resized;
        for (var gy = 0; gy < 8; gy++)
        {
            for (var gx = 0; gx < 8; gx++)
            {
                double sum = 0;
                for (var y = gy * 8; y < (gy + 1) * 8; y++)
                {
                    for (var x = gx * 8; x < (gx + 1) * 8; x++)
                    {
                        sum += pixels[x, y] / 255.0;
                    }
                }

                Assert.Equal((SyntheticOnnxModel.Weight * sum / 64) + SyntheticOnnxModel.Bias, heatmap.Grid[(gy * 8) + gx], 4);
            }
        }

        Assert.Equal(1f, heatmap[20, 20], 3);
        Assert.Equal(0f, heatmap[60, 60], 3);
    }

    [Fact]
    public void A_uniform_image_has_a_flat_heatmap_of_zeros()
    {
        var heatmap = Predictor.Predict(TestImages.Uniform(64, 64, 128)).Heatmap!;
        Assert.True(heatmap.IsFlat);
        Assert.All(heatmap.Values, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void No_heatmap_when_not_requested_or_when_the_model_has_none()
    {
        Assert.Null(Predictor.Predict(TestImages.Uniform(64, 64, 128), new PredictionRequest(Heatmap: false)).Heatmap);
        var plain = SyntheticModels.WithoutHeatmap;
        Assert.False(plain.Model.HasHeatmap);
        Assert.Null(plain.Model.HeatmapGrid);
        var prediction = plain.Predict(TestImages.BrightSquare(64, 64, 8, 8, 24));
        Assert.Null(prediction.Heatmap);
        Assert.Equal(Predictor.Predict(TestImages.BrightSquare(64, 64, 8, 8, 24)).Probability, prediction.Probability);
    }

    [Fact]
    public void Images_of_any_size_are_resized_by_the_pipeline_the_model_names()
    {
        var prediction = Predictor.Predict(TestImages.Noise(300, 5));
        Assert.Equal(300, prediction.Image.Original.Width);
        Assert.Equal(64, prediction.Image.Resized.Width);
        Assert.Equal(Predictor.Model.Preprocess, prediction.Image.Spec);
    }

    [Fact]
    public void Timings_add_up()
    {
        var t = Predictor.Predict(TestImages.Noise(224, 1)).Timings;
        Assert.True(t.DecodeMs > 0);
        Assert.True(t.PreprocessMs >= 0);
        Assert.True(t.InferenceMs > 0);
        Assert.True(t.HeatmapMs > 0);
        Assert.True(t.TotalMs >= t.DecodeMs + t.InferenceMs, $"total {t.TotalMs} < decode {t.DecodeMs} + inference {t.InferenceMs}");
    }

    [Fact]
    public void Bad_images_throw_typed_image_errors()
    {
        Assert.Throws<EmptyImageException>(() => Predictor.Predict(ReadOnlySpan<byte>.Empty));
        Assert.Throws<UnsupportedImageFormatException>(() => Predictor.Predict("not an image"u8));
        var jpeg = TestImages.Noise(128, 2);
        Assert.Throws<CorruptImageException>(() => Predictor.Predict(jpeg.AsSpan(0, jpeg.Length / 3)));
        Assert.Throws<FileNotFoundException>(() => Predictor.PredictFile(Path.Combine(Path.GetTempPath(), "cxr-missing.jpeg")));
    }

    [Fact]
    public void Input_limits_come_from_the_options()
    {
        using var predictor = ChestXrayPredictor.Load(SyntheticOnnxModel.Create(), "small-limits.onnx", new PredictorOptions(Limits: new ImageLimits(MaxEncodedBytes: 1000)));
        Assert.Throws<ImageTooLargeException>(() => predictor.Predict(TestImages.Noise(200, 4)));
    }

    [Fact]
    public void A_bad_image_fails_the_whole_batch_and_names_its_index()
    {
        var batch = new[] { TestImages.Noise(64, 1), "nope"u8.ToArray(), TestImages.Noise(64, 2) };
        var error = Assert.Throws<UnsupportedImageFormatException>(() => Predictor.PredictBatch(batch));
        Assert.Equal(1, error.Data["cxr.batchIndex"]);
    }

    [Fact]
    public void Batches_longer_than_the_maximum_run_in_chunks_with_the_same_answers()
    {
        using var predictor = ChestXrayPredictor.Load(SyntheticOnnxModel.Create(), "chunks.onnx", new PredictorOptions(MaxBatchSize: 3));
        var images = Enumerable.Range(0, 10).Select(i => TestImages.Noise(64, i)).ToList();
        var batch = predictor.PredictBatch(images);
        Assert.Equal(10, batch.Count);
        for (var i = 0; i < images.Count; i++)
        {
            var single = predictor.Predict(images[i]);
            Assert.Equal(single.Probability, batch[i].Probability, 1e-6);
            Assert.Equal(single.Logit, batch[i].Logit, 1e-6);
        }
    }

    [Fact]
    public void Preprocessed_images_predict_like_encoded_ones()
    {
        var bytes = TestImages.Noise(80, 9);
        var image = Predictor.Preprocess(bytes);
        var fromImage = Assert.Single(Predictor.PredictBatch([image]));
        Assert.Equal(Predictor.Predict(bytes).Probability, fromImage.Probability);
        Assert.Equal(0, fromImage.Timings.DecodeMs);

        var other = new ImagePipeline(new PreprocessSpec(32)).Process(bytes);
        Assert.Throws<ArgumentException>(() => Predictor.PredictBatch([other]));
    }

    [Fact]
    public void A_disposed_predictor_refuses_work()
    {
        var predictor = ChestXrayPredictor.Load(SyntheticOnnxModel.Create(), "disposed.onnx");
        predictor.Dispose();
        predictor.Dispose();
        Assert.Throws<ObjectDisposedException>(() => predictor.Predict(TestImages.Noise(64, 1)));
    }

    [Fact]
    public void Png_jpeg_and_letterboxed_inputs_work()
    {
        var metadata = SyntheticOnnxModel.Metadata(64);
        metadata[Cxr.Core.Contracts.ModelMetadataKeys.Preprocess] = new PreprocessSpec(64, ResizeMode.Letterbox).ToJson();
        using var letterbox = ChestXrayPredictor.Load(SyntheticOnnxModel.Create(metadata: metadata), "letterbox.onnx");
        var wide = TestImages.Uniform(200, 100, 255, SKEncodedImageFormat.Jpeg);
        var prediction = letterbox.Predict(wide);
        Assert.Equal(0, prediction.Image.Resized[0, 0]);
        Assert.True(prediction.Image.Resized[32, 32] > 240);
        Assert.Equal(ResizeMode.Letterbox, letterbox.Model.Preprocess.Mode);
    }
}
