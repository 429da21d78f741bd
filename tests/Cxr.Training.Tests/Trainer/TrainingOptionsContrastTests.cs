using System.Text.Json;
using System.Text.Json.Nodes;
using Cxr.Core.Imaging;
using Cxr.Training.Trainer;

namespace Cxr.Training.Tests.Trainer;

public sealed class TrainingOptionsContrastTests
{
    [Fact]
    public void The_default_is_no_contrast_step()
    {
        Assert.Same(ContrastStep.None, new TrainingOptions().Contrast);
        Assert.Same(ContrastStep.None, TrainingPresets.Get("default").Contrast);
        Assert.Same(ContrastStep.None, TrainingPresets.Get("robust").Contrast);
    }

    [Fact]
    public void The_options_json_records_the_contrast_step_and_reads_it_back()
    {
        var options = new TrainingOptions { Contrast = ContrastStep.Clahe(3, 4) };
        var json = JsonSerializer.Serialize(options, TrainingJson.Compact);
        Assert.Contains("\"contrast\":{\"method\":\"clahe\",\"clip\":3,\"grid\":4}", json, StringComparison.Ordinal);
        Assert.Equal(options.Contrast, JsonSerializer.Deserialize<TrainingOptions>(json, TrainingJson.Options)!.Contrast);
        var plain = JsonSerializer.Serialize(new TrainingOptions(), TrainingJson.Compact);
        Assert.Contains("\"contrast\":{\"method\":\"none\"}", plain, StringComparison.Ordinal);
        Assert.Same(ContrastStep.None, JsonSerializer.Deserialize<TrainingOptions>(plain, TrainingJson.Options)!.Contrast);
    }

    [Fact]
    public void A_checkpoint_from_before_the_option_reads_as_no_contrast_step()
    {
        var node = JsonNode.Parse(JsonSerializer.Serialize(new TrainingOptions(), TrainingJson.Options))!.AsObject();
        Assert.True(node.Remove("contrast"));
        var json = node.ToJsonString();
        Assert.DoesNotContain("\"contrast\":{", json, StringComparison.Ordinal);
        Assert.Same(ContrastStep.None, JsonSerializer.Deserialize<TrainingOptions>(json, TrainingJson.Options)!.Contrast);
    }

    [Fact]
    public void A_bad_contrast_value_in_the_options_json_is_a_json_error_naming_it()
    {
        var e = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<TrainingOptions>("{\"contrast\":{\"method\":\"gamma\"}}", TrainingJson.Options));
        Assert.Contains("\"contrast.method\" must be \"none\", \"histeq\" or \"clahe\"; got \"gamma\".", e.Message, StringComparison.Ordinal);
    }
}
