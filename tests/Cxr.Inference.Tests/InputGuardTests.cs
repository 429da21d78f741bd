using Cxr.Core.Contracts;
using Cxr.Core.Imaging;
using SkiaSharp;

namespace Cxr.Inference.Tests;

/// <summary><see cref="InputGuard.Check"/> on synthetic images: the image checks, their order, and the learned verdicts.</summary>
public sealed class InputGuardTests
{
    private const string RotatedMessage = "The image looks like a chest film turned on its side or upside down; rotate it upright before uploading.";
    private const string InvertedMessage = "The image looks like an inverted chest film (a negative); invert it back before uploading.";

    private static readonly ImagePipeline Pipeline = new(new PreprocessSpec(64));

    /// <summary>Upright references first, threshold 3 (squared 9).</summary>
    private static readonly InputGuardSpec Learned = InputGuardSpec.ForStandardReferences(3);

    [Fact]
    public void A_textured_gray_square_passes_the_image_checks()
    {
        var check = InputGuard.Check(InputGuardSpec.ImageChecksOnly, Pipeline.Process(TexturedGray(64, 64)), default);
        Assert.Equal(new InputCheck(true, null, null, null, null, 0), check);
    }

    [Fact]
    public void A_colour_image_is_refused_with_its_chroma()
    {
        // Chroma of (200, 100, 100) is 100 / 255 = 0.39216.
        var image = Pipeline.Process(SolidColour(64, 64, 200, 100, 100));
        var check = InputGuard.Check(InputGuardSpec.ImageChecksOnly, image, default);
        Assert.Equal(
            new InputCheck(false, InputCheckReasons.Color, "The image is in colour (mean chroma 0.392, limit 0.020); chest X-rays are grayscale.", null, null, 0.3922),
            check);
    }

    [Theory]
    [InlineData(700, 300, "2.3")]
    [InlineData(300, 700, "2.3")]
    [InlineData(401, 200, "2.0")] // 2.005: above the limit, though it prints as 2.0
    public void An_elongated_image_is_refused_with_its_size(int width, int height, string ratio)
    {
        var check = InputGuard.Check(InputGuardSpec.ImageChecksOnly, Pipeline.Process(TexturedGray(width, height)), default);
        Assert.False(check.IsChestXray);
        Assert.Equal(InputCheckReasons.AspectRatio, check.Reason);
        Assert.Equal(
            $"The image is {width} × {height} pixels (aspect ratio {ratio}:1, limit 2.0:1); a chest film is not that elongated.",
            check.Message);
    }

    [Fact]
    public void An_aspect_ratio_of_exactly_the_limit_passes()
    {
        var check = InputGuard.Check(InputGuardSpec.ImageChecksOnly, Pipeline.Process(TexturedGray(128, 64)), default);
        Assert.True(check.IsChestXray, check.Message);
    }

    [Fact]
    public void A_flat_gray_image_is_refused_as_low_contrast()
    {
        var check = InputGuard.Check(InputGuardSpec.ImageChecksOnly, Pipeline.Process(TestImages.Uniform(64, 64, 128)), default);
        Assert.Equal(
            new InputCheck(false, InputCheckReasons.LowContrast, "The image is almost one flat tone (contrast 0.000, minimum 0.020); there is nothing to read.", null, null, 0),
            check);
    }

    [Fact]
    public void A_faint_checkerboard_reports_its_contrast()
    {
        // Alternating 128 and 131: standard deviation 1.5, / 255 = 0.0059.
        var pixels = new byte[64 * 64];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)(((i / 64) + (i % 64)) % 2 == 0 ? 128 : 131);
        }

        var check = InputGuard.Check(InputGuardSpec.ImageChecksOnly, Pipeline.Process(TestImages.Encode(pixels, 64, 64)), default);
        Assert.Equal(InputCheckReasons.LowContrast, check.Reason);
        Assert.Equal("The image is almost one flat tone (contrast 0.006, minimum 0.020); there is nothing to read.", check.Message);
    }

    [Fact]
    public void Colour_is_checked_before_shape_and_shape_before_contrast()
    {
        var colourStrip = InputGuard.Check(InputGuardSpec.ImageChecksOnly, Pipeline.Process(SolidColour(700, 300, 0, 0, 255)), default);
        Assert.Equal(InputCheckReasons.Color, colourStrip.Reason);

        var flatStrip = InputGuard.Check(InputGuardSpec.ImageChecksOnly, Pipeline.Process(TestImages.Uniform(700, 300, 90)), default);
        Assert.Equal(InputCheckReasons.AspectRatio, flatStrip.Reason);
    }

    [Fact]
    public void The_specs_own_limits_are_used()
    {
        var lenient = InputGuardSpec.ImageChecksOnly with { MaxMeanChroma = 0.5, MaxAspectRatio = 2.5, MinContrast = 0 };
        Assert.True(InputGuard.Check(lenient, Pipeline.Process(SolidColour(64, 64, 200, 100, 100)), default).IsChestXray);
        Assert.True(InputGuard.Check(lenient, Pipeline.Process(TexturedGray(700, 300)), default).IsChestXray);

        var strict = InputGuardSpec.ImageChecksOnly with { MinContrast = 0.9 };
        var check = InputGuard.Check(strict, Pipeline.Process(TexturedGray(64, 64)), default);
        Assert.Equal(InputCheckReasons.LowContrast, check.Reason);
        Assert.EndsWith("minimum 0.900); there is nothing to read.", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void In_distribution_distances_pass_with_the_score_and_threshold()
    {
        var check = InputGuard.Check(Learned, Pipeline.Process(TexturedGray(64, 64)), [4, 9, 25, 25, 25, 25]);
        Assert.Equal(new InputCheck(true, null, null, 2, 3, 0), check);
    }

    [Fact]
    public void The_score_is_rounded_to_three_decimals()
    {
        var check = InputGuard.Check(Learned, Pipeline.Process(TexturedGray(64, 64)), [2, 9, 25, 25, 25, 25]);
        Assert.Equal(1.414, check.Score);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void Nearest_to_a_rotated_reference_is_refused_as_rotated(int column)
    {
        float[] distances = [4, 9, 25, 25, 25, 25];
        distances[column] = 1;
        var check = InputGuard.Check(Learned, Pipeline.Process(TexturedGray(64, 64)), distances);
        Assert.Equal(new InputCheck(false, InputCheckReasons.Rotated, RotatedMessage, 2, 3, 0), check);
    }

    [Fact]
    public void Nearest_to_the_inverted_reference_is_refused_as_inverted()
    {
        var check = InputGuard.Check(Learned, Pipeline.Process(TexturedGray(64, 64)), [4, 9, 25, 25, 1, 25]);
        Assert.Equal(new InputCheck(false, InputCheckReasons.Inverted, InvertedMessage, 2, 3, 0), check);
    }

    [Fact]
    public void Beyond_the_threshold_is_refused_as_out_of_distribution()
    {
        var check = InputGuard.Check(Learned, Pipeline.Process(TexturedGray(64, 64)), [16, 12.25f, 25, 25, 25, 25]);
        Assert.Equal(
            new InputCheck(
                false,
                InputCheckReasons.OutOfDistribution,
                "The image does not look like the frontal chest X-rays the model was trained on (score 3.5, limit 3.0).",
                3.5,
                3,
                0),
            check);
    }

    [Fact]
    public void Distances_that_are_not_numbers_are_out_of_distribution_without_a_score()
    {
        var check = InputGuard.Check(Learned, Pipeline.Process(TexturedGray(64, 64)), [float.NaN, float.NaN, float.NaN, float.NaN, float.NaN, float.NaN]);
        Assert.Equal(
            new InputCheck(
                false,
                InputCheckReasons.OutOfDistribution,
                "The image does not look like the frontal chest X-rays the model was trained on (score not finite, limit 3.0).",
                null,
                3,
                0),
            check);
    }

    [Fact]
    public void The_image_checks_come_before_the_learned_verdict()
    {
        var check = InputGuard.Check(Learned, Pipeline.Process(SolidColour(64, 64, 200, 100, 100)), [4, 9, 1, 25, 25, 25]);
        Assert.Equal(InputCheckReasons.Color, check.Reason);
        Assert.Equal(2.0, check.Score);
        Assert.Equal(3.0, check.ScoreThreshold);
    }

    [Fact]
    public void A_learned_spec_without_a_distances_row_judges_the_image_only()
    {
        var check = InputGuard.Check(Learned, Pipeline.Process(TexturedGray(64, 64)), default);
        Assert.Equal(new InputCheck(true, null, null, null, 3, 0), check);
    }

    [Fact]
    public void Distances_are_ignored_for_a_spec_without_a_learned_guard()
    {
        var check = InputGuard.Check(InputGuardSpec.ImageChecksOnly, Pipeline.Process(TexturedGray(64, 64)), [4, 9, 1, 25, 25, 25]);
        Assert.Equal(new InputCheck(true, null, null, null, null, 0), check);
    }

    [Fact]
    public void A_distances_row_of_the_wrong_length_is_an_argument_error()
    {
        Assert.Throws<ArgumentException>(() => InputGuard.Check(Learned, Pipeline.Process(TexturedGray(64, 64)), [4, 9, 1]));
    }

    [Fact]
    public void Contrast_is_the_pixel_standard_deviation_over_255()
    {
        Assert.Equal(0.5, InputGuard.Contrast(new GrayImage(2, 1, [0, 255])), 12);
        Assert.Equal(0, InputGuard.Contrast(new GrayImage(2, 2, [7, 7, 7, 7])));
        // 0, 0, 0, 255: mean 63.75, variance 12192.1875, sd 110.42 → 0.43301.
        Assert.Equal(Math.Sqrt(3) / 4, InputGuard.Contrast(new GrayImage(2, 2, [0, 0, 0, 255])), 12);
    }

    /// <summary>A gray PNG with a vertical gradient and grain: contrast far above the limit.</summary>
    private static byte[] TexturedGray(int width, int height)
    {
        var random = new Random((width * 31) + height);
        var pixels = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                pixels[(y * width) + x] = (byte)Math.Clamp(30 + (190 * y / height) + random.Next(-25, 26), 0, 255);
            }
        }

        return TestImages.Encode(pixels, width, height);
    }

    private static byte[] SolidColour(int width, int height, byte r, byte g, byte b)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        bitmap.Erase(new SKColor(r, g, b));
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
