using Cxr.Core.Data;
using Cxr.Core.Imaging;
using Cxr.Training.Data;
using Cxr.Training.Guard;

namespace Cxr.Training.Tests.Guard;

/// <summary>The guard's turned and inverted references are what serving would feed the model for such an upload.</summary>
public sealed class TransformedInputsTests
{
    private const int Side = 32;

    public static TheoryData<string> Steps => ["none", "histeq", "clahe"];

    [Theory]
    [MemberData(nameof(Steps))]
    public void Each_film_is_transformed_before_the_contrast_step_as_an_upload_would_be(string name)
    {
        var spec = new PreprocessSpec(Side) { Contrast = ContrastStep.FromName(name)! };
        var plane = Side * Side;
        var count = 5;
        var films = Enumerable.Range(0, count * plane).Select(i => (byte)(((i % Side) * 5) + (i / plane * 20) + (i * 7 % 13))).ToArray();
        var records = Enumerable.Range(0, count).Select(i => new ImageRecord($"f{i}", CxrLabel.Normal, "normal", $"p{i}", "", "train")).ToList();
        var cache = ImageCache.FromPixels(records, spec, films);
        var pipeline = new ImagePipeline(spec);

        var inputs = InputGuardFitter.TransformedInputs(cache, 1, 4);
        for (var i = 0; i < 4; i++)
        {
            var turned = new byte[plane];
            FilmTransforms.Apply(InputGuardFitter.TransformOf(1 + i), films.AsSpan((1 + i) * plane, plane), turned, Side);
            // What the model sees for the turned film uploaded as a lossless image of model size.
            var served = pipeline.Process(new GrayImage(Side, Side, turned), ImageFormat.Png).Resized.Pixels;
            Assert.Equal(served, inputs.AsSpan(i * plane, plane).ToArray());
        }
    }
}
