using Cxr.Core.Imaging;

namespace Cxr.Core.Tests.Imaging;

public class PreprocessSpecTrimTests
{
    private const string TrimJson = "{\"method\":\"dark\",\"level\":16,\"share\":0.98,\"max\":0.25}";

    [Fact]
    public void A_trim_is_written_after_the_luminance_and_only_when_there_is_one()
    {
        Assert.DoesNotContain("trim", new PreprocessSpec().ToJson(), StringComparison.Ordinal);
        Assert.Equal(
            "{\"size\":224,\"mode\":\"stretch\",\"channels\":1,\"luminance\":\"bt601\",\"trim\":" + TrimJson + ",\"filter\":\"bilinear-antialias\",\"contrast\":{\"method\":\"histeq\"},\"range\":[0,1],\"layout\":\"NCHW\"}",
            new PreprocessSpec { Trim = BorderTrim.Dark(), Contrast = ContrastStep.HistogramEqualization }.ToJson());
    }

    [Fact]
    public void Json_round_trips_a_trim_and_specs_with_different_trims_differ()
    {
        var spec = new PreprocessSpec(64) { Trim = BorderTrim.Dark(20, 0.95, 0.2) };
        Assert.Equal(spec, PreprocessSpec.FromJson(spec.ToJson()));
        Assert.NotEqual(new PreprocessSpec(), new PreprocessSpec { Trim = BorderTrim.Dark() });
        Assert.NotEqual(new PreprocessSpec { Trim = BorderTrim.Dark(16) }, new PreprocessSpec { Trim = BorderTrim.Dark(17) });
        Assert.Same(BorderTrim.None, PreprocessSpec.FromJson("{\"size\":224,\"mode\":\"stretch\",\"trim\":{\"method\":\"none\"}}").Trim);
    }

    [Theory]
    [InlineData("[]", "\"trim\" must be an object such as")]
    [InlineData("{}", "\"trim\" needs a \"method\"")]
    [InlineData("{\"method\":\"crop\"}", "\"trim.method\" must be \"dark\" or \"none\"")]
    [InlineData("{\"method\":\"dark\",\"level\":16,\"share\":0.98}", "needs \"level\", \"share\" and \"max\"")]
    [InlineData("{\"method\":\"none\",\"level\":16}", "with method \"none\" takes no parameters")]
    [InlineData("{\"method\":\"dark\",\"level\":300,\"share\":0.98,\"max\":0.25}", "\"trim.level\" must be an integer from 0 to 254")]
    [InlineData("{\"method\":\"dark\",\"level\":16,\"share\":0,\"max\":0.25}", "\"trim.share\" must be a number in (0, 1]")]
    [InlineData("{\"method\":\"dark\",\"level\":16,\"share\":0.98,\"max\":0.5}", "\"trim.max\" must be a number in (0, 0.5)")]
    [InlineData("{\"method\":\"dark\",\"level\":16,\"share\":0.98,\"max\":0.25,\"white\":1}", "unsupported field \"trim.white\"")]
    public void A_bad_trim_is_refused_with_the_field_named(string trim, string expected)
    {
        var e = Assert.Throws<FormatException>(() => PreprocessSpec.FromJson("{\"size\":224,\"mode\":\"stretch\",\"trim\":" + trim + "}"));
        Assert.StartsWith("Preprocessing spec: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}
