using Cxr.Core.Imaging;
using Cxr.Core.Imaging.Perturbations;

namespace Cxr.Core.Tests.Imaging.Perturbations;

/// <summary>Gamma, blur, sharpening, noise and JPEG change gray levels as documented.</summary>
public class IntensityPerturbationTests
{
    private static readonly PreprocessSpec Model224 = new(224);

    [Fact]
    public void Gamma_moves_mid_gray_and_keeps_black_and_white()
    {
        var film = new GrayImage(3, 1, [0, 128, 255]);
        // 255 × (128/255)^0.8 = 146.9; 255 × (128/255)^1.25 = 107.7.
        Assert.Equal([0, 147, 255], new Gamma("g", 0.8).Apply(film, FilmScale.Identity(3)).Pixels);
        Assert.Equal([0, 108, 255], new Gamma("g", 1.25).Apply(film, FilmScale.Identity(3)).Pixels);
        Assert.Equal(film.Pixels, new Gamma("g", 1).Apply(film, FilmScale.Identity(3)).Pixels);
    }

    [Theory]
    [InlineData(224, 1.0)]
    [InlineData(448, 4.0)]
    public void Blur_spreads_a_line_with_the_model_pixel_sigma(int side, double expectedVariance)
    {
        // A vertical white line: its horizontal profile after the blur is the Gaussian, so its variance is σ² in film
        // pixels (1 at the model's size, 4 on a film twice as large).
        var pixels = new byte[side * side];
        for (var y = 0; y < side; y++)
        {
            pixels[(y * side) + (side / 2)] = 255;
        }

        var blurred = new GaussianBlur("b", 1).Apply(new GrayImage(side, side, pixels), Model224);
        var row = Enumerable.Range(0, side).Select(x => (double)blurred[x, side / 2]).ToArray();
        var total = row.Sum();
        var variance = row.Select((v, x) => v * (x - (side / 2)) * (x - (side / 2))).Sum() / total;
        Assert.Equal(expectedVariance, variance, expectedVariance * 0.05);
        Assert.Equal(255, total, 3.0);
    }

    [Fact]
    public void Blur_and_unsharp_mask_leave_a_flat_film_alone()
    {
        var flat = FilmImages.Flat(64, 48, 133);
        Assert.Equal(flat.Pixels, new GaussianBlur("b", 1).Apply(flat, new PreprocessSpec(64)).Pixels);
        Assert.Equal(flat.Pixels, new UnsharpMask("u", 1, 1).Apply(flat, new PreprocessSpec(64)).Pixels);
    }

    [Fact]
    public void Unsharp_mask_overshoots_both_sides_of_an_edge()
    {
        var pixels = new byte[40 * 10];
        for (var y = 0; y < 10; y++)
        {
            for (var x = 0; x < 40; x++)
            {
                pixels[(y * 40) + x] = x < 20 ? (byte)100 : (byte)150;
            }
        }

        var sharpened = new UnsharpMask("u", 1, 1).Apply(new GrayImage(40, 10, pixels), new PreprocessSpec(40));
        Assert.True(sharpened[19, 5] < 100, $"dark side of the edge: {sharpened[19, 5]}");
        Assert.True(sharpened[20, 5] > 150, $"bright side of the edge: {sharpened[20, 5]}");
        Assert.Equal(100, sharpened[5, 5]);
        Assert.Equal(150, sharpened[35, 5]);
    }

    [Fact]
    public void Noise_has_the_stated_sigma_at_the_model_size_and_is_the_same_every_time()
    {
        var noise = new GaussianNoise("n", 5 / 255.0, 12);
        var flat = FilmImages.Flat(224, 224, 128);
        var once = noise.Apply(flat, Model224);
        Assert.Equal(once.Pixels, noise.Apply(flat, Model224).Pixels);
        Assert.NotEqual(once.Pixels, new GaussianNoise("n", 5 / 255.0, 13).Apply(flat, Model224).Pixels);
        var (mean, std) = FilmImages.Moments(once);
        Assert.Equal(128, mean, 0.2);
        Assert.Equal(5, std, 0.25);
    }

    [Fact]
    public void Noise_on_a_large_film_is_scaled_so_the_model_still_sees_the_stated_sigma()
    {
        // 896 → 224: the resize averages about 4 × 4 film pixels (in a triangle), which would leave σ / 6 of plain noise.
        var film = FilmImages.Flat(896, 896, 128);
        var scale = FilmScale.Of(film, Model224);
        Assert.Equal(2 / (3.0 * 4), scale.NoiseAttenuation, 0.01);
        var noisy = new GaussianNoise("n", 5 / 255.0, 12).Apply(film, Model224);
        var seen = new ImagePipeline(Model224).Resize(noisy);
        var (mean, std) = FilmImages.Moments(seen);
        Assert.Equal(128, mean, 0.3);
        Assert.Equal(5, std, 0.5);
    }

    [Fact]
    public void Jpeg_reencoding_is_lossy_close_and_deterministic()
    {
        var film = FilmImages.Radiograph();
        var jpeg = new JpegReencode("j", 50);
        var once = jpeg.Apply(film, Model224);
        Assert.Equal((224, 224), (once.Width, once.Height));
        Assert.Equal(once.Pixels, jpeg.Apply(film, Model224).Pixels);
        Assert.NotEqual(film.Pixels, once.Pixels);
        var meanError = film.Pixels.Zip(once.Pixels, (a, b) => Math.Abs(a - b)).Average();
        Assert.InRange(meanError, 0.1, 6);
    }
}
