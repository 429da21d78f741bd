using Cxr.Core.Contracts;
using Cxr.Core.Imaging;
using SkiaSharp;

namespace Cxr.Inference.Tests;

/// <summary>What a person sees and what the input guard measures stay the film as uploaded when the model's
/// preprocessing has a contrast step; only the model's input is equalised.</summary>
public sealed class ContrastStepServingTests
{
    private static readonly ImagePipeline Equalising = new(new PreprocessSpec(64) { Contrast = ContrastStep.HistogramEqualization });

    [Fact]
    public void A_nearly_flat_film_is_still_refused_as_low_contrast_although_equalisation_spreads_it()
    {
        // Alternating 128 and 131 (contrast 0.006): equalised, it is black and white.
        var pixels = new byte[64 * 64];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)(((i / 64) + (i % 64)) % 2 == 0 ? 128 : 131);
        }

        var image = Equalising.Process(TestImages.Encode(pixels, 64, 64));
        Assert.True(InputGuard.Contrast(image.Resized) > 0.4, "the model input should be equalised to full range");
        var check = InputGuard.Check(InputGuardSpec.ImageChecksOnly, image, default);
        Assert.Equal(InputCheckReasons.LowContrast, check.Reason);
        Assert.Equal("The image is almost one flat tone (contrast 0.006, minimum 0.020); there is nothing to read.", check.Message);
    }

    [Fact]
    public void The_overlay_on_the_model_size_image_shows_the_film_before_equalisation()
    {
        // Left half 100, right half 120: equalised, 0 and 255.
        var pixels = new byte[64 * 64];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)(i % 64 < 32 ? 100 : 120);
        }

        var image = Equalising.Process(TestImages.Encode(pixels, 64, 64));
        Assert.Equal(0, image.Resized[8, 32]);
        var prediction = new Prediction(
            ClassLabels.Normal, 0.1, 0.5, -2, null, new PredictionTimings(0, 0, 0, 0), image, new InputCheck(true, null, null, null, null, 0));
        using var bitmap = SKBitmap.Decode(HeatmapRenderer.RenderOverlayPng(prediction, opacity: 0));
        var left = bitmap.GetPixel(bitmap.Width / 8, bitmap.Width / 2);
        var right = bitmap.GetPixel(bitmap.Width * 7 / 8, bitmap.Width / 2);
        Assert.InRange((int)left.Red, 98, 102);
        Assert.InRange((int)right.Red, 118, 122);
    }
}
