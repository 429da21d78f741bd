using System.Text.Json;
using System.Text.Json.Nodes;
using Cxr.Core.Imaging;
using Cxr.Training.Trainer;

namespace Cxr.Training.Tests.Trainer;

public sealed class TrainingOptionsTrimTests
{
    [Fact]
    public void No_preset_trims_and_the_spec_carries_the_options_trim()
    {
        Assert.Same(BorderTrim.None, new TrainingOptions().Trim);
        Assert.All(TrainingPresets.Names, name => Assert.Same(BorderTrim.None, TrainingPresets.Get(name).Trim));
        Assert.Equal(BorderTrim.Dark(), (new TrainingOptions() with { Trim = BorderTrim.Dark() }).Preprocess.Trim);
    }

    [Fact]
    public void The_options_json_records_the_trim_and_reads_it_back()
    {
        var options = new TrainingOptions { Trim = BorderTrim.Dark(20, 0.95, 0.2) };
        var json = JsonSerializer.Serialize(options, TrainingJson.Compact);
        Assert.Contains("\"trim\":{\"method\":\"dark\",\"level\":20,\"share\":0.95,\"max\":0.2}", json, StringComparison.Ordinal);
        Assert.Equal(options.Trim, JsonSerializer.Deserialize<TrainingOptions>(json, TrainingJson.Options)!.Trim);
        var plain = JsonSerializer.Serialize(new TrainingOptions(), TrainingJson.Compact);
        Assert.Same(BorderTrim.None, JsonSerializer.Deserialize<TrainingOptions>(plain, TrainingJson.Options)!.Trim);
    }

    [Fact]
    public void A_checkpoint_from_before_the_option_reads_as_no_trim_and_a_bad_trim_is_a_json_error()
    {
        var node = JsonNode.Parse(JsonSerializer.Serialize(new TrainingOptions(), TrainingJson.Options))!.AsObject();
        Assert.True(node.Remove("trim"));
        Assert.Same(BorderTrim.None, JsonSerializer.Deserialize<TrainingOptions>(node.ToJsonString(), TrainingJson.Options)!.Trim);

        node["trim"] = JsonNode.Parse("{\"method\":\"dark\"}");
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<TrainingOptions>(node.ToJsonString(), TrainingJson.Options));
        Assert.Contains("needs \"level\", \"share\" and \"max\"", error.Message, StringComparison.Ordinal);
    }
}
