using Cxr.Core.Contracts;

namespace Cxr.Core.Tests.Contracts;

public sealed class ModelSelfTestSpecTests
{
    private static ModelSelfTestSpec Valid(bool guard = true) => new()
    {
        Logit = [1.5f, -2.25f, 0.1f, 3e-8f],
        Features = [[0.1f, 2], [0.3f, 4], [0.5f, 6], [0.7f, 8]],
        GuardDistances = guard ? [[10f], [20f], [30f], [1e6f]] : null,
    };

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Json_round_trips_every_float_exactly(bool guard)
    {
        var spec = Valid(guard);

        var back = ModelSelfTestSpec.FromJson(spec.ToJson());

        Assert.Equal(spec.Logit, back.Logit);
        Assert.Equal(spec.Features.SelectMany(r => r), back.Features.SelectMany(r => r));
        Assert.Equal(spec.GuardDistances?.SelectMany(r => r), back.GuardDistances?.SelectMany(r => r));
        Assert.Equal(ModelSelfTestSpec.DefaultTolerance, back.Tolerance);
        Assert.Equal(ProbeImages.GeneratorId, back.Images);
        Assert.Equal(guard, spec.ToJson().Contains("guardDistances", StringComparison.Ordinal));
    }

    public static TheoryData<string, string> Broken() => new()
    {
        { "not json", "not valid JSON" },
        { "null", "JSON null" },
        { Valid().ToJson().Replace("cxr-probe-v2", "cxr-probe-v7", StringComparison.Ordinal), "images must be \"cxr-probe-v2\"" },
        { Valid().ToJson().Replace("\"tolerance\":0.001", "\"tolerance\":2", StringComparison.Ordinal), "tolerance must be a number in (0, 1)" },
        { Valid().ToJson().Replace("[1.5,", "[", StringComparison.Ordinal), "logit must hold 4 values; it holds 3" },
        { Valid().ToJson().Replace("[0.1,2],", "", StringComparison.Ordinal), "features must hold 4 rows; it holds 3" },
        { Valid().ToJson().Replace("[0.1,2]", "[0.1]", StringComparison.Ordinal), "features rows must be non-empty and of one length" },
        { Valid().ToJson().Replace("[10],", "", StringComparison.Ordinal), "guardDistances must hold 4 rows" },
        { Valid().ToJson().Replace("}", ",\"memberSpread\":[0.1,0.2]}", StringComparison.Ordinal), "memberSpread must hold 4 values; it holds 2" },
    };

    [Fact]
    public void An_ensembles_member_spread_round_trips_and_a_single_models_record_has_none()
    {
        var spec = Valid() with { MemberSpread = [0.125f, 0f, 0.3333333f, 1e-7f] };

        var back = ModelSelfTestSpec.FromJson(spec.ToJson());

        Assert.Equal(spec.MemberSpread, back.MemberSpread);
        Assert.Null(ModelSelfTestSpec.FromJson(Valid().ToJson()).MemberSpread);
        Assert.DoesNotContain("memberSpread", Valid().ToJson(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Broken))]
    public void Unusable_records_are_refused_with_the_reason(string json, string reason)
    {
        var error = Assert.Throws<FormatException>(() => ModelSelfTestSpec.FromJson(json));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_finite_values_are_refused()
    {
        var spec = Valid() with { Logit = [1, float.NaN, 2, 3] };
        var error = Assert.Throws<FormatException>(spec.Validate);
        Assert.Contains("finite", error.Message, StringComparison.Ordinal);
    }
}
