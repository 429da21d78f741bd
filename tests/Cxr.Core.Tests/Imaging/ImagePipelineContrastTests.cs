using Cxr.Core.Imaging;
using Cxr.Testing;
using Cxr.Testing.Images;

namespace Cxr.Core.Tests.Imaging;

/// <summary>The contrast step sits in the one path: after the resize, before <c>pixel / 255</c>, in every way into the
/// pipeline, and nowhere when the spec has none.</summary>
public class ImagePipelineContrastTests
{
    private static readonly ImagePipeline Plain = new(new PreprocessSpec(64));

    public static TheoryData<string> Steps => ["histeq", "clahe"];

    [Theory]
    [MemberData(nameof(Steps))]
    public void Process_applies_the_step_to_the_resized_film_and_scales_the_result(string name)
    {
        var step = ContrastStep.FromName(name)!;
        var pipeline = new ImagePipeline(new PreprocessSpec(64) { Contrast = step });
        var file = TestData.FirstValidationFilm("NORMAL");
        var image = pipeline.ProcessFile(file);
        var film = Plain.ProcessFile(file).Resized;

        Assert.Equal(film.Pixels, image.ResizedBeforeContrast.Pixels);
        Assert.Equal(step.Apply(film).Pixels, image.Resized.Pixels);
        Assert.NotEqual(film.Pixels, image.Resized.Pixels);
        Assert.Equal(image.Resized.Pixels.Select(p => p / 255f).ToArray(), image.Tensor);
        Assert.Equal(image.Resized.Pixels, pipeline.Resize(image.Original).Pixels);
        Assert.Equal(image.Resized.Pixels, pipeline.Process(image.Original, ImageFormat.Jpeg).Resized.Pixels);
        Assert.Equal(image.Resized.Pixels, pipeline.Process(File.ReadAllBytes(file)).Resized.Pixels);
    }

    [Fact]
    public void Without_a_step_the_model_input_is_the_resized_film_itself()
    {
        var image = Plain.Process(PngBuilder.Build(40, 36, 8, PngBuilder.Gray, ContrastPattern.Create(40, 36)));
        Assert.Same(image.Resized, image.ResizedBeforeContrast);
        Assert.Same(ContrastStep.None.Apply(image.Resized), image.Resized);
    }

    [Fact]
    public void Letterbox_padding_is_part_of_the_equalised_image()
    {
        // The step runs on the whole model-size square, padding included, exactly as ContrastStep.Apply on it.
        var pipeline = new ImagePipeline(new PreprocessSpec(48, ResizeMode.Letterbox) { Contrast = ContrastStep.Clahe(2, 4) });
        var image = pipeline.Process(new GrayImage(60, 30, ContrastPattern.Create(60, 30)), ImageFormat.Png);
        Assert.Equal(ContrastStep.Clahe(2, 4).Apply(image.ResizedBeforeContrast).Pixels, image.Resized.Pixels);
    }
}
