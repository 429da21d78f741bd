using Cxr.Testing.Onnx;
using SkiaSharp;

namespace Cxr.Inference.Tests;

public sealed class HeatmapRendererTests
{
    [Fact]
    public void The_overlay_on_the_model_input_is_a_valid_png_with_a_legend()
    {
        var prediction = SyntheticModels.WithHeatmap.Predict(TestImages.BrightSquare(64, 64, 8, 8, 24));
        var png = HeatmapRenderer.RenderOverlayPng(prediction);
        using var bitmap = Decode(png);

        Assert.Equal(HeatmapRenderer.MinLongSide, bitmap.Width);
        Assert.Equal(HeatmapRenderer.MinLongSide + 46, bitmap.Height);
        // Hot (the bright square, scaled × 7) is red-dominated; cold (bottom right; Turbo starts near black) is not.
        var hot = bitmap.GetPixel(20 * 7, 20 * 7);
        var cold = bitmap.GetPixel(60 * 7, 60 * 7);
        Assert.True(IsRed(hot), $"hot pixel {hot}");
        Assert.False(IsRed(cold), $"cold pixel {cold}");
    }

    [Fact]
    public void The_overlay_on_the_original_keeps_its_aspect_ratio()
    {
        var prediction = SyntheticModels.WithHeatmap.Predict(TestImages.BrightSquare(600, 300, 0, 0, 150));
        using var wide = Decode(HeatmapRenderer.RenderOverlayPng(prediction, onOriginal: true));
        Assert.Equal(600, wide.Width);
        Assert.Equal(300 + 46, wide.Height);
        var hot = wide.GetPixel(40, 40);
        var cold = wide.GetPixel(560, 260);
        Assert.True(IsRed(hot) && !IsRed(cold), $"hot {hot}, cold {cold}");

        var large = SyntheticModels.WithHeatmap.Predict(TestImages.Uniform(2000, 1000, 90, SKEncodedImageFormat.Jpeg));
        using var scaled = Decode(HeatmapRenderer.RenderOverlayPng(large, onOriginal: true));
        Assert.Equal(HeatmapRenderer.MaxLongSide, scaled.Width);
        Assert.Equal(512 + 46, scaled.Height);
    }

    [Fact]
    public void Zero_opacity_shows_the_xray_only()
    {
        var prediction = SyntheticModels.WithHeatmap.Predict(TestImages.BrightSquare(64, 64, 8, 8, 24));
        using var bitmap = Decode(HeatmapRenderer.RenderOverlayPng(prediction, opacity: 0));
        for (var y = 0; y < HeatmapRenderer.MinLongSide; y += 37)
        {
            for (var x = 0; x < bitmap.Width; x += 41)
            {
                var c = bitmap.GetPixel(x, y);
                Assert.True(c.Red == c.Green && c.Green == c.Blue, $"({x},{y}) is {c}");
            }
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => HeatmapRenderer.RenderOverlayPng(prediction, opacity: 1.5f));
    }

    [Fact]
    public void A_prediction_without_a_heatmap_still_renders()
    {
        var prediction = SyntheticModels.WithoutHeatmap.Predict(TestImages.Uniform(64, 64, 90));
        using var bitmap = Decode(HeatmapRenderer.RenderOverlayPng(prediction));
        Assert.Equal(HeatmapRenderer.MinLongSide, bitmap.Width);
    }

    [Fact]
    public void A_real_xray_overlay_is_written_for_inspection()
    {
        var bytes = File.ReadAllBytes(TestImages.ValidationFiles[^1]);
        var prediction = SyntheticModels.WithHeatmap.Predict(bytes);
        var path = Path.Combine(Path.GetTempPath(), "cxr-inference-tests-overlay.png");
        File.WriteAllBytes(path, HeatmapRenderer.RenderOverlayPng(prediction, onOriginal: true));
        using var bitmap = Decode(File.ReadAllBytes(path));
        Assert.True(bitmap.Width >= HeatmapRenderer.MinLongSide);
    }

    private static bool IsRed(SKColor c) => c.Red > c.Blue + 40;

    private static SKBitmap Decode(byte[] png)
    {
        Assert.True(png.Length > 100);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        return SKBitmap.Decode(png) ?? throw new InvalidOperationException("not decodable");
    }
}
