using Cxr.Core.Imaging;

namespace Cxr.Core.Tests.Imaging;

/// <summary>Stretch and letterbox geometry, antialiasing, and the preview/tensor identity.</summary>
public class ImagePipelineResizeTests
{
    private static GrayImage Flat(int width, int height, byte value)
        => new(width, height, Enumerable.Repeat(value, width * height).ToArray());

    private static ImagePipeline Pipeline(int size, ResizeMode mode) => new(new PreprocessSpec(size, mode));

    [Fact]
    public void Stretch_fills_the_whole_square()
    {
        var resized = Pipeline(100, ResizeMode.Stretch).Resize(Flat(200, 100, 255));
        Assert.Equal((100, 100), (resized.Width, resized.Height));
        Assert.All(resized.Pixels, p => Assert.Equal(255, p));
    }

    [Fact]
    public void Stretch_maps_left_and_right_halves_to_left_and_right_halves()
    {
        var pixels = new byte[300 * 50];
        for (var y = 0; y < 50; y++)
        {
            for (var x = 150; x < 300; x++)
            {
                pixels[(y * 300) + x] = 200;
            }
        }

        var resized = Pipeline(20, ResizeMode.Stretch).Resize(new GrayImage(300, 50, pixels));
        for (var y = 0; y < 20; y++)
        {
            Assert.Equal(0, resized[8, y]);
            Assert.Equal(200, resized[11, y]);
        }
    }

    [Fact]
    public void Letterbox_landscape_pads_top_and_bottom_with_black()
    {
        var resized = Pipeline(100, ResizeMode.Letterbox).Resize(Flat(200, 100, 255));
        for (var y = 0; y < 100; y++)
        {
            var expected = y is >= 25 and < 75 ? 255 : 0;
            for (var x = 0; x < 100; x++)
            {
                Assert.Equal(expected, resized[x, y]);
            }
        }
    }

    [Fact]
    public void Letterbox_portrait_pads_left_and_right()
    {
        // 100 × 300 → content 30 × 90 centered at columns 30..59.
        var resized = Pipeline(90, ResizeMode.Letterbox).Resize(Flat(100, 300, 180));
        for (var x = 0; x < 90; x++)
        {
            var expected = x is >= 30 and < 60 ? 180 : 0;
            for (var y = 0; y < 90; y++)
            {
                Assert.Equal(expected, resized[x, y]);
            }
        }
    }

    [Theory]
    [InlineData(200, 100, 100, 100, 50)]
    [InlineData(100, 300, 90, 30, 90)]
    [InlineData(3, 2, 8, 8, 5)]   // 5.33 → 5
    [InlineData(2, 3, 9, 6, 9)]   // 6
    [InlineData(1, 40_000, 224, 1, 224)] // never 0 wide
    [InlineData(224, 224, 150, 150, 150)]
    [InlineData(1000, 999, 224, 224, 224)] // 223.78 → 224
    public void Letterbox_content_size_keeps_the_aspect_ratio(int w, int h, int size, int expectedW, int expectedH)
    {
        Assert.Equal((expectedW, expectedH), ImagePipeline.LetterboxSize(w, h, size));
    }

    [Fact]
    public void Letterbox_odd_padding_puts_the_extra_row_at_the_bottom()
    {
        // 3 × 2 → 8 × 5 content, 3 rows of padding: 1 above, 2 below.
        var resized = Pipeline(8, ResizeMode.Letterbox).Resize(Flat(3, 2, 100));
        var rows = Enumerable.Range(0, 8).Select(y => resized[4, y]).ToArray();
        Assert.Equal(new byte[] { 0, 100, 100, 100, 100, 100, 0, 0 }, rows);
    }

    [Fact]
    public void Square_input_gives_the_same_result_in_both_modes()
    {
        var image = new GrayImage(64, 64, Enumerable.Range(0, 64 * 64).Select(i => (byte)(i * 13)).ToArray());
        Assert.Equal(
            Pipeline(24, ResizeMode.Stretch).Resize(image).Pixels,
            Pipeline(24, ResizeMode.Letterbox).Resize(image).Pixels);
    }

    [Fact]
    public void Downscaling_2000_to_224_antialiases_a_one_pixel_checkerboard()
    {
        var pixels = new byte[2000 * 2000];
        for (var y = 0; y < 2000; y++)
        {
            for (var x = 0; x < 2000; x++)
            {
                pixels[(y * 2000) + x] = (byte)(((x + y) & 1) == 0 ? 255 : 0);
            }
        }

        var resized = Pipeline(224, ResizeMode.Stretch).Resize(new GrayImage(2000, 2000, pixels));
        // Point sampling would give pure 0/255 moiré; an antialiasing filter averages to mid-gray everywhere.
        Assert.All(resized.Pixels, p => Assert.InRange(p, 120, 135));
    }

    [Fact]
    public void Resampling_matches_pillow_bilinear_on_a_worked_example()
    {
        // Pillow: Image.frombytes("L", (4, 1), bytes([0, 100, 200, 255])).resize((2, 1), Image.BILINEAR) → [71, 209]
        // (support 2: weights 3/7, 3/7, 1/7 → 500/7 = 71.4; 1/7, 3/7, 3/7 → 1465/7 = 209.3).
        var resized = new byte[2];
        AntialiasedResampler.Resize([0, 100, 200, 255], 4, 1, resized, 2, 1, 0, 2);
        Assert.Equal(new byte[] { 71, 209 }, resized);

        // Upscaling interpolates linearly: 2 → 4 pixels, centers at 0.25, 0.75, 1.25, 1.75 of the source.
        var up = new byte[4];
        AntialiasedResampler.Resize([0, 200], 2, 1, up, 4, 1, 0, 4);
        Assert.Equal(new byte[] { 0, 50, 150, 200 }, up);
    }

    [Fact]
    public void Same_size_resize_is_an_exact_copy()
    {
        var image = new GrayImage(30, 30, Enumerable.Range(0, 900).Select(i => (byte)(i * 7)).ToArray());
        var resized = Pipeline(30, ResizeMode.Stretch).Resize(image);
        Assert.Equal(image.Pixels, resized.Pixels);
        Assert.NotSame(image.Pixels, resized.Pixels);
    }

    [Fact]
    public void Tensor_is_exactly_the_preview_divided_by_255()
    {
        var result = new ImagePipeline(new PreprocessSpec(150)).Process(SharedImages.FirstBytes());
        Assert.Equal((150, 150), (result.Resized.Width, result.Resized.Height));
        Assert.Equal(150 * 150, result.Tensor.Length);
        for (var i = 0; i < result.Tensor.Length; i++)
        {
            Assert.Equal(result.Resized.Pixels[i] / 255f, result.Tensor[i]);
        }

        Assert.All(result.Tensor, v => Assert.InRange(v, 0f, 1f));

        var rebuilt = new float[150 * 150];
        ImagePipeline.ToTensor(result.Resized, rebuilt);
        Assert.Equal(result.Tensor, rebuilt);
    }

    [Fact]
    public void Tensor_is_built_once_and_shared_by_concurrent_readers()
    {
        var result = new ImagePipeline(new PreprocessSpec(64)).Process(SharedImages.FirstBytes());
        var seen = new float[16][];
        Parallel.For(0, seen.Length, i => seen[i] = result.Tensor);
        Assert.All(seen, t => Assert.Same(result.Tensor, t));
    }

    [Fact]
    public void Three_channel_tensor_repeats_the_gray_plane()
    {
        var result = new ImagePipeline(new PreprocessSpec(32, Channels: 3)).Process(SharedImages.FirstBytes());
        Assert.Equal(3 * 32 * 32, result.Tensor.Length);
        var plane = result.Tensor.AsSpan(0, 32 * 32).ToArray();
        Assert.Equal(plane, result.Tensor.AsSpan(32 * 32, 32 * 32).ToArray());
        Assert.Equal(plane, result.Tensor.AsSpan(2 * 32 * 32, 32 * 32).ToArray());
    }

    [Fact]
    public void ToTensor_refuses_a_destination_of_the_wrong_size()
    {
        var image = Flat(4, 4, 1);
        var e = Assert.Throws<ArgumentException>(() => ImagePipeline.ToTensor(image, new float[15]));
        Assert.StartsWith("The destination must hold channels × 4 × 4 = a multiple of 16 floats; it holds 15.", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ImagePipeline.ToTensor(image, Span<float>.Empty));
    }

    [Fact]
    public void GrayImage_checks_its_shape()
    {
        Assert.Throws<ArgumentException>(() => new GrayImage(3, 3, new byte[8]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GrayImage(0, 3, []));
    }
}
