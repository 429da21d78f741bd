using Cxr.Core.Contracts;
using Cxr.Core.Imaging;

namespace Cxr.Core.Tests.Contracts;

public sealed class EnsembleSpecTests
{
    private static readonly EnsembleSpec Three = new(3, [42, 43, 44], 42, EnsembleSpec.OutOfFoldCalibration);

    private static ModelCard Card => new()
    {
        Name = "card",
        Version = "1",
        Architecture = "cxrnet",
        Preprocess = new PreprocessSpec(64),
        Threshold = 0.5,
        Temperature = 1.2,
    };

    [Fact]
    public void Json_round_trips()
    {
        var json = Three.ToJson();

        var back = EnsembleSpec.FromJson(json);

        Assert.Equal("{\"members\":3,\"seeds\":[42,43,44],\"foldSeed\":42,\"calibration\":\"out-of-fold\"}", json);
        Assert.Equal(Three.Members, back.Members);
        Assert.Equal(Three.Seeds, back.Seeds);
        Assert.Equal(Three.FoldSeed, back.FoldSeed);
        Assert.Equal(Three.Calibration, back.Calibration);
    }

    [Fact]
    public void The_card_writes_and_reads_it_under_its_key_and_a_single_models_card_has_no_such_entry()
    {
        var metadata = (Card with { Ensemble = Three }).ToMetadata();

        var back = ModelCard.Parse(metadata, "m.onnx");

        Assert.Equal(Three.ToJson(), metadata[ModelMetadataKeys.Ensemble]);
        Assert.Equal(Three.Seeds, back.Ensemble!.Seeds);
        Assert.Empty(back.OtherEntries);
        Assert.DoesNotContain(ModelMetadataKeys.Ensemble, Card.ToMetadata().Keys);
        Assert.Null(ModelCard.Parse(Card.ToMetadata(), "m.onnx").Ensemble);
    }

    public static TheoryData<string, string> Broken() => new()
    {
        { "[]", "not a JSON object" },
        { "{\"members\":1,\"seeds\":[1],\"foldSeed\":1,\"calibration\":\"out-of-fold\"}", "at least 2 members; this one says 1" },
        { "{\"members\":3,\"seeds\":[1,2],\"foldSeed\":1,\"calibration\":\"out-of-fold\"}", "records 2 seeds" },
        { "{\"members\":2,\"seeds\":[1,2],\"calibration\":\"out-of-fold\"}", "no \"foldSeed\"" },
        { "{\"members\":2,\"seeds\":\"x\",\"foldSeed\":1,\"calibration\":\"out-of-fold\"}", "\"seeds\" must be an array" },
        { "{\"members\":", "not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Unusable_entries_are_refused_with_the_reason(string json, string reason)
    {
        var error = Assert.Throws<FormatException>(() => EnsembleSpec.FromJson(json));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_card_with_an_unusable_entry_names_the_key()
    {
        var metadata = Card.ToMetadata();
        metadata[ModelMetadataKeys.Ensemble] = "{\"members\":1}";

        var error = Assert.Throws<ModelCardException>(() => ModelCard.Parse(metadata, "m.onnx"));

        Assert.Contains($"m.onnx has an unusable '{ModelMetadataKeys.Ensemble}'", error.Message, StringComparison.Ordinal);
    }
}
