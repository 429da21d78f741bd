using Cxr.Core.Imaging;
using Cxr.Core.Imaging.Perturbations;
using Cxr.Testing;

namespace Cxr.Core.Tests.Imaging;

/// <summary>The border trim sits in the one path: on the decoded film, before the resize, in every way into the
/// pipeline, and nowhere when the spec has none.</summary>
public class ImagePipelineTrimTests
{
    private static readonly PreprocessSpec Spec = new(64) { Trim = BorderTrim.Dark() };
    private static readonly ImagePipeline Trimming = new(Spec);
    private static readonly ImagePipeline Plain = new(new PreprocessSpec(64));

    private static string Film() =>
        TestData.FirstValidationFilm("NORMAL");

    [Fact]
    public void A_black_frame_added_to_a_film_is_cut_away_before_the_resize()
    {
        var film = Plain.ProcessFile(Film()).Original;
        var bare = Trimming.Process(film, ImageFormat.Png);
        var framed = Trimming.Process(Frame(film, 20), ImageFormat.Png);

        // The frame goes, and what is resized is the film as the trim finds it without a frame.
        Assert.Equal((bare.Framed.Width, bare.Framed.Height), (framed.Framed.Width, framed.Framed.Height));
        Assert.Equal(bare.Framed.Pixels, framed.Framed.Pixels);
        Assert.Equal(bare.Resized.Pixels, framed.Resized.Pixels);
        Assert.Equal(Plain.Resize(framed.Framed).Pixels, framed.Resized.Pixels);
        Assert.Equal(framed.Resized.Pixels, Trimming.Resize(Frame(film, 20)).Pixels);
        Assert.Equal(framed.Resized.Pixels, Trimming.Process(PngOf(Frame(film, 20))).Resized.Pixels);
    }

    [Fact]
    public void The_catalogue_s_black_margin_is_undone_up_to_resampling()
    {
        // fov-wide shrinks the film into a black margin of 10 % a side; with the trim the model input is the film again,
        // at a lower resolution.
        var film = Plain.ProcessFile(Film()).Original;
        var wide = PerturbationCatalogue.Find("fov-wide")!.Apply(film, Spec);
        var bare = Trimming.Process(film, ImageFormat.Png).Resized.Pixels;
        var trimmed = Trimming.Process(wide, ImageFormat.Png).Resized.Pixels;
        var untrimmed = Plain.Process(wide, ImageFormat.Png).Resized.Pixels;
        var trimmedGap = trimmed.Zip(bare, (a, b) => Math.Abs(a - b)).Average();
        Assert.InRange(trimmedGap, 0, 6);
        Assert.True(untrimmed.Zip(bare, (a, b) => Math.Abs(a - b)).Average() > 4 * trimmedGap);
    }

    [Fact]
    public void The_catalogue_s_black_frame_over_the_film_leaves_its_inner_part()
    {
        // border-8 paints over the film's outer 8 %: the trim cuts the paint (and no more of the film than it would cut
        // anyway), so the model sees the inner part, a tighter field, as the robustness table then measures.
        var film = Plain.ProcessFile(Film()).Original;
        var occluded = PerturbationCatalogue.Find("border-8")!.Apply(film, Spec);
        var (x, y, w, h) = Spec.Trim.Find(occluded);
        var frame = (int)Math.Round(0.08 * film.Width);
        Assert.InRange(x, frame - 1, frame + 8);
        Assert.InRange(y, frame - 1, frame + 8);
        for (var row = 0; row < h; row++)
        {
            Assert.Equal(film.Pixels.AsSpan(((y + row) * film.Width) + x, w).ToArray(), occluded.Pixels.AsSpan(((y + row) * film.Width) + x, w).ToArray());
        }
    }

    [Fact]
    public void Without_a_trim_the_framed_film_is_the_original_itself()
    {
        var image = Plain.Process(Frame(Plain.ProcessFile(Film()).Original, 10), ImageFormat.Png);
        Assert.Same(image.Original, image.Framed);
    }

    private static GrayImage Frame(GrayImage film, int width)
    {
        var w = film.Width + (2 * width);
        var h = film.Height + (2 * width);
        var pixels = new byte[w * h];
        for (var y = 0; y < film.Height; y++)
        {
            film.Pixels.AsSpan(y * film.Width, film.Width).CopyTo(pixels.AsSpan(((y + width) * w) + width, film.Width));
        }

        return new GrayImage(w, h, pixels);
    }

    private static byte[] PngOf(GrayImage image) => Cxr.Testing.Images.PngBuilder.Build(image.Width, image.Height, 8, Cxr.Testing.Images.PngBuilder.Gray, image.Pixels);
}
