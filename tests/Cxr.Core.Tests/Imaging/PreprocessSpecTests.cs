using Cxr.Core.Imaging;

namespace Cxr.Core.Tests.Imaging;

public class PreprocessSpecTests
{
    [Fact]
    public void Defaults_are_224_stretch_one_channel()
    {
        var spec = new PreprocessSpec();
        Assert.Equal(224, spec.Size);
        Assert.Equal(ResizeMode.Stretch, spec.Mode);
        Assert.Equal(1, spec.Channels);
        Assert.Equal(224 * 224, spec.TensorLength);
    }

    [Fact]
    public void ToJson_is_compact_and_stable()
    {
        Assert.Equal(
            "{\"size\":224,\"mode\":\"stretch\",\"channels\":1,\"luminance\":\"bt601\",\"filter\":\"bilinear-antialias\",\"range\":[0,1],\"layout\":\"NCHW\"}",
            new PreprocessSpec().ToJson());
        Assert.Equal(
            "{\"size\":150,\"mode\":\"letterbox\",\"channels\":3,\"luminance\":\"bt601\",\"filter\":\"bilinear-antialias\",\"range\":[0,1],\"layout\":\"NCHW\"}",
            new PreprocessSpec(150, ResizeMode.Letterbox, 3).ToJson());
    }

    [Theory]
    [InlineData(224, ResizeMode.Stretch, 1)]
    [InlineData(150, ResizeMode.Letterbox, 1)]
    [InlineData(8, ResizeMode.Stretch, 3)]
    [InlineData(4096, ResizeMode.Letterbox, 3)]
    public void Json_round_trips(int size, ResizeMode mode, int channels)
    {
        var spec = new PreprocessSpec(size, mode, channels);
        Assert.Equal(spec, PreprocessSpec.FromJson(spec.ToJson()));
    }

    [Fact]
    public void FromJson_accepts_the_minimal_form_and_any_key_order()
    {
        Assert.Equal(new PreprocessSpec(150), PreprocessSpec.FromJson("{\"mode\":\"stretch\",\"size\":150}"));
        Assert.Equal(
            new PreprocessSpec(224, ResizeMode.Letterbox),
            PreprocessSpec.FromJson(" { \"layout\": \"NCHW\", \"range\": [0.0, 1.0], \"size\": 224, \"mode\": \"letterbox\" } "));
    }

    [Theory]
    [InlineData("", "The preprocessing spec is not valid JSON: ")]
    [InlineData("{\"size\":224,", "The preprocessing spec is not valid JSON: ")]
    [InlineData("[224]", "The preprocessing spec must be a JSON object; got an array.")]
    [InlineData("{\"mode\":\"stretch\"}", "Preprocessing spec: the required field \"size\" is missing.")]
    [InlineData("{\"size\":224}", "Preprocessing spec: the required field \"mode\" is missing.")]
    [InlineData("{\"size\":\"224\",\"mode\":\"stretch\"}", "Preprocessing spec: \"size\" must be an integer; got the string \"224\".")]
    [InlineData("{\"size\":224.5,\"mode\":\"stretch\"}", "Preprocessing spec: \"size\" must be an integer; got the number 224.5.")]
    [InlineData("{\"size\":4,\"mode\":\"stretch\"}", "Preprocessing spec: \"size\" must be between 8 and 4096; got 4.")]
    [InlineData("{\"size\":224,\"mode\":\"crop\"}", "Preprocessing spec: \"mode\" must be \"stretch\" or \"letterbox\"; got \"crop\".")]
    [InlineData("{\"size\":224,\"mode\":1}", "Preprocessing spec: \"mode\" must be a string; got the number 1.")]
    [InlineData("{\"size\":224,\"mode\":\"stretch\",\"channels\":2}", "Preprocessing spec: \"channels\" must be 1 or 3; got 2.")]
    [InlineData("{\"size\":224,\"mode\":\"stretch\",\"luminance\":\"bt709\"}", "Preprocessing spec: \"luminance\" \"bt709\" is not supported; this version implements only \"bt601\".")]
    [InlineData("{\"size\":224,\"mode\":\"stretch\",\"filter\":\"lanczos\"}", "Preprocessing spec: \"filter\" \"lanczos\" is not supported; this version implements only \"bilinear-antialias\".")]
    [InlineData("{\"size\":224,\"mode\":\"stretch\",\"layout\":\"NHWC\"}", "Preprocessing spec: \"layout\" \"NHWC\" is not supported; this version implements only \"NCHW\".")]
    [InlineData("{\"size\":224,\"mode\":\"stretch\",\"range\":[-1,1]}", "Preprocessing spec: \"range\" must be [0,1] (pixel / 255); got [-1,1].")]
    [InlineData("{\"size\":224,\"mode\":\"stretch\",\"mean\":0.5}", "Preprocessing spec: unsupported field \"mean\" (known: size, mode, channels, luminance, trim, filter, contrast, range, layout).")]
    public void FromJson_refuses_bad_input_with_a_clear_message(string json, string expectedMessage)
    {
        var e = Assert.Throws<FormatException>(() => PreprocessSpec.FromJson(json));
        if (expectedMessage.EndsWith(": ", StringComparison.Ordinal))
        {
            Assert.StartsWith(expectedMessage, e.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(expectedMessage, e.Message);
        }
    }

    [Fact]
    public void Pipeline_refuses_an_invalid_spec_or_limits()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImagePipeline(new PreprocessSpec(Size: 4)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImagePipeline(new PreprocessSpec(Channels: 2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImagePipeline(new PreprocessSpec(Mode: (ResizeMode)7)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImagePipeline(new PreprocessSpec(), new ImageLimits(0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImagePipeline(new PreprocessSpec(), new ImageLimits(MaxPixels: -1)));
        Assert.Same(ImageLimits.Default, new ImagePipeline(new PreprocessSpec()).Limits);
    }
}
