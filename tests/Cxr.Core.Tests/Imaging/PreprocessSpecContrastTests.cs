using Cxr.Core.Contracts;
using Cxr.Core.Imaging;
using Cxr.Testing;

namespace Cxr.Core.Tests.Imaging;

public class PreprocessSpecContrastTests
{
    private const string CommittedSpecJson =
        "{\"size\":224,\"mode\":\"stretch\",\"channels\":1,\"luminance\":\"bt601\",\"filter\":\"bilinear-antialias\",\"range\":[0,1],\"layout\":\"NCHW\"}";

    [Fact]
    public void The_committed_models_spec_has_no_contrast_step_and_writes_back_byte_for_byte()
    {
        var model = File.ReadAllBytes(Path.Combine(TestData.RepoRoot, "models", "cxr-default.onnx"));
        var stored = OnnxWeightsHash.FindMetadata(model, ModelMetadataKeys.Preprocess);
        Assert.Equal(CommittedSpecJson, stored);
        var spec = PreprocessSpec.FromJson(stored!);
        Assert.Same(ContrastStep.None, spec.Contrast);
        Assert.Equal(stored, spec.ToJson());
    }

    [Fact]
    public void A_contrast_step_is_written_after_the_filter_and_only_when_there_is_one()
    {
        Assert.Equal(CommittedSpecJson, (new PreprocessSpec() with { Contrast = ContrastStep.None }).ToJson());
        Assert.Equal(
            "{\"size\":224,\"mode\":\"stretch\",\"channels\":1,\"luminance\":\"bt601\",\"filter\":\"bilinear-antialias\",\"contrast\":{\"method\":\"clahe\",\"clip\":2,\"grid\":8},\"range\":[0,1],\"layout\":\"NCHW\"}",
            new PreprocessSpec { Contrast = ContrastStep.Clahe() }.ToJson());
        Assert.Equal(
            "{\"size\":150,\"mode\":\"letterbox\",\"channels\":3,\"luminance\":\"bt601\",\"filter\":\"bilinear-antialias\",\"contrast\":{\"method\":\"histeq\"},\"range\":[0,1],\"layout\":\"NCHW\"}",
            new PreprocessSpec(150, ResizeMode.Letterbox, 3) { Contrast = ContrastStep.HistogramEqualization }.ToJson());
    }

    public static TheoryData<string> Steps => ["none", "histeq", "clahe", "clahe:2.5:4", "clahe:0.5:16", "clahe:256:1"];

    [Theory]
    [MemberData(nameof(Steps))]
    public void Json_round_trips_every_step(string step)
    {
        var spec = new PreprocessSpec(64) { Contrast = Parse(step) };
        var back = PreprocessSpec.FromJson(spec.ToJson());
        Assert.Equal(spec, back);
        Assert.Equal(spec.Contrast, back.Contrast);
    }

    [Fact]
    public void Specs_with_different_contrast_steps_differ()
    {
        Assert.NotEqual(new PreprocessSpec(), new PreprocessSpec { Contrast = ContrastStep.HistogramEqualization });
        Assert.NotEqual(new PreprocessSpec { Contrast = ContrastStep.Clahe(2, 8) }, new PreprocessSpec { Contrast = ContrastStep.Clahe(3, 8) });
        Assert.NotEqual(new PreprocessSpec { Contrast = ContrastStep.Clahe(2, 8) }, new PreprocessSpec { Contrast = ContrastStep.Clahe(2, 4) });
        Assert.Equal(new PreprocessSpec { Contrast = ContrastStep.Clahe(2, 8) }, new PreprocessSpec { Contrast = ContrastStep.Clahe() });
    }

    [Fact]
    public void An_explicit_none_reads_as_no_contrast_step()
    {
        var spec = PreprocessSpec.FromJson("{\"size\":224,\"mode\":\"stretch\",\"contrast\":{\"method\":\"none\"}}");
        Assert.Equal(new PreprocessSpec(), spec);
        Assert.Equal(CommittedSpecJson, spec.ToJson());
    }

    [Theory]
    [InlineData("\"clahe\"", "Preprocessing spec: \"contrast\" must be an object such as {\"method\":\"clahe\",\"clip\":2,\"grid\":8}; got the string \"clahe\".")]
    [InlineData("{}", "Preprocessing spec: \"contrast\" needs a \"method\": \"none\", \"histeq\" or \"clahe\".")]
    [InlineData("{\"method\":\"gamma\"}", "Preprocessing spec: \"contrast.method\" must be \"none\", \"histeq\" or \"clahe\"; got \"gamma\".")]
    [InlineData("{\"method\":2}", "Preprocessing spec: \"contrast.method\" must be a string; got the number 2.")]
    [InlineData("{\"method\":\"clahe\",\"clip\":2}", "Preprocessing spec: \"contrast\" with method \"clahe\" needs both \"clip\" and \"grid\", e.g. {\"method\":\"clahe\",\"clip\":2,\"grid\":8}.")]
    [InlineData("{\"method\":\"clahe\",\"grid\":8}", "Preprocessing spec: \"contrast\" with method \"clahe\" needs both \"clip\" and \"grid\", e.g. {\"method\":\"clahe\",\"clip\":2,\"grid\":8}.")]
    [InlineData("{\"method\":\"clahe\",\"clip\":0,\"grid\":8}", "Preprocessing spec: \"contrast.clip\" must be a number in (0, 256]; got the number 0.")]
    [InlineData("{\"method\":\"clahe\",\"clip\":300,\"grid\":8}", "Preprocessing spec: \"contrast.clip\" must be a number in (0, 256]; got the number 300.")]
    [InlineData("{\"method\":\"clahe\",\"clip\":\"2\",\"grid\":8}", "Preprocessing spec: \"contrast.clip\" must be a number in (0, 256]; got the string \"2\".")]
    [InlineData("{\"method\":\"clahe\",\"clip\":2,\"grid\":0}", "Preprocessing spec: \"contrast.grid\" must be an integer from 1 to 64; got the number 0.")]
    [InlineData("{\"method\":\"clahe\",\"clip\":2,\"grid\":8.5}", "Preprocessing spec: \"contrast.grid\" must be an integer from 1 to 64; got the number 8.5.")]
    [InlineData("{\"method\":\"clahe\",\"clip\":2,\"grid\":65}", "Preprocessing spec: \"contrast.grid\" must be an integer from 1 to 64; got the number 65.")]
    [InlineData("{\"method\":\"histeq\",\"clip\":2}", "Preprocessing spec: \"contrast.clip\" applies only to method \"clahe\"; the method is \"histeq\".")]
    [InlineData("{\"method\":\"none\",\"grid\":8}", "Preprocessing spec: \"contrast.grid\" applies only to method \"clahe\"; the method is \"none\".")]
    [InlineData("{\"method\":\"clahe\",\"clip\":2,\"grid\":8,\"tiles\":64}", "Preprocessing spec: unsupported field \"contrast.tiles\" (known: method, clip, grid).")]
    [InlineData("{\"method\":\"clahe\",\"clip\":2,\"grid\":64}", "Preprocessing spec: \"contrast.grid\" 64 needs a \"size\" of at least 128 (CLAHE tiles of 2 pixels or more); got 100.")]
    public void Bad_contrast_values_are_refused_naming_the_field_and_the_accepted_values(string contrast, string expectedMessage)
    {
        var e = Assert.Throws<FormatException>(() => PreprocessSpec.FromJson($"{{\"size\":100,\"mode\":\"stretch\",\"contrast\":{contrast}}}"));
        Assert.Equal(expectedMessage, e.Message);
    }

    [Fact]
    public void The_unknown_field_message_lists_contrast()
    {
        var e = Assert.Throws<FormatException>(() => PreprocessSpec.FromJson("{\"size\":224,\"mode\":\"stretch\",\"equalize\":true}"));
        Assert.Equal("Preprocessing spec: unsupported field \"equalize\" (known: size, mode, channels, luminance, trim, filter, contrast, range, layout).", e.Message);
    }

    [Fact]
    public void The_pipeline_refuses_a_grid_too_fine_for_the_size_or_a_missing_step()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImagePipeline(new PreprocessSpec(15) { Contrast = ContrastStep.Clahe(2, 8) }));
        _ = new ImagePipeline(new PreprocessSpec(16) { Contrast = ContrastStep.Clahe(2, 8) });
        Assert.Throws<ArgumentNullException>(() => new ImagePipeline(new PreprocessSpec { Contrast = null! }));
    }

    [Fact]
    public void Clahe_parameters_out_of_range_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ContrastStep.Clahe(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ContrastStep.Clahe(256.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => ContrastStep.Clahe(double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => ContrastStep.Clahe(2, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ContrastStep.Clahe(2, 65));
    }

    [Fact]
    public void Names_and_descriptions()
    {
        Assert.Same(ContrastStep.None, ContrastStep.FromName("none"));
        Assert.Same(ContrastStep.HistogramEqualization, ContrastStep.FromName("histeq"));
        Assert.Equal(ContrastStep.Clahe(2, 8), ContrastStep.FromName("clahe"));
        Assert.Null(ContrastStep.FromName("CLAHE"));
        Assert.Null(ContrastStep.FromName(null));
        Assert.Equal("clahe (clip limit 2.5, 4 × 4 tiles)", ContrastStep.Clahe(2.5, 4).ToString());
        Assert.Equal("histeq (global histogram equalisation)", ContrastStep.HistogramEqualization.ToString());
        Assert.Equal("none", ContrastStep.None.ToString());
    }

    private static ContrastStep Parse(string step) => step.Split(':') switch
    {
        ["clahe", var clip, var grid] => ContrastStep.Clahe(double.Parse(clip, System.Globalization.CultureInfo.InvariantCulture), int.Parse(grid, System.Globalization.CultureInfo.InvariantCulture)),
        [var name] => ContrastStep.FromName(name)!,
        _ => throw new ArgumentException(step),
    };
}
