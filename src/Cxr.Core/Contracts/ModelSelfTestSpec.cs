using System.Text.Json;

namespace Cxr.Core.Contracts;

/// <summary>
/// The model's self-test (<c>cxr.selftest</c>): what TorchSharp computed at export for the <see cref="ProbeImages"/>, which
/// ONNX Runtime must reproduce when the model is loaded. A wrong runtime (a miscomputing kernel on some CPU) or a graph
/// that no longer computes what was trained is refused before it answers anyone.
/// </summary>
/// <remarks>An output agrees when every value is within <c>Tolerance × max(1, scale)</c> of the recorded one, where the
/// scale is |expected| for a logit or a guard distance and the largest |expected| of the image's vector for features.
/// Normal runtime differences are ~1e-6 relative; the AVX-512 miscomputation this guards against was 0.1–0.4.</remarks>
public sealed record ModelSelfTestSpec
{
    /// <summary>Default relative tolerance.</summary>
    public const double DefaultTolerance = 1e-3;

    /// <summary>Which probe generator made the images (<see cref="ProbeImages.GeneratorId"/>).</summary>
    public string Images { get; init; } = ProbeImages.GeneratorId;

    /// <summary>Relative tolerance (see remarks), in (0, 1).</summary>
    public double Tolerance { get; init; } = DefaultTolerance;

    /// <summary>The <c>logit</c> output per probe image, <c>[Count]</c>.</summary>
    public IReadOnlyList<float> Logit { get; init; } = [];

    /// <summary>The <c>features</c> output per probe image, <c>[Count][F]</c>.</summary>
    public IReadOnlyList<IReadOnlyList<float>> Features { get; init; } = [];

    /// <summary>The <c>guard_distances</c> output per probe image, <c>[Count][K]</c>; null when the model has no input
    /// guard distances.</summary>
    public IReadOnlyList<IReadOnlyList<float>>? GuardDistances { get; init; }

    /// <summary>Compact JSON with camelCase keys (floats in round-trip form).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, ContractsJsonContext.Default.ModelSelfTestSpec);

    /// <summary>Parses and validates <see cref="ToJson"/> output.</summary>
    /// <exception cref="FormatException">Not JSON, or a value is missing, non-finite or of the wrong count; the message
    /// says which.</exception>
    public static ModelSelfTestSpec FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        ModelSelfTestSpec? spec;
        try
        {
            spec = JsonSerializer.Deserialize(json, ContractsJsonContext.Default.ModelSelfTestSpec);
        }
        catch (JsonException e)
        {
            throw new FormatException($"The self-test is not valid JSON: {e.Message}", e);
        }

        if (spec is null)
        {
            throw new FormatException("The self-test is JSON null.");
        }

        spec.Validate();
        return spec;
    }

    /// <summary>Throws <see cref="FormatException"/> unless the values are usable.</summary>
    public void Validate()
    {
        Check(Images == ProbeImages.GeneratorId, $"images must be \"{ProbeImages.GeneratorId}\"; got \"{Images}\"");
        Check(Tolerance is > 0 and < 1, "tolerance must be in (0, 1)");
        Check(Logit.Count == ProbeImages.Count, $"logit must hold {ProbeImages.Count} values; it holds {Logit.Count}");
        Check(Features.Count == ProbeImages.Count, $"features must hold {ProbeImages.Count} rows; it holds {Features.Count}");
        Check(Features.All(row => row is { Count: > 0 } && row.Count == Features[0].Count), "features rows must be non-empty and of one length");
        if (GuardDistances is not null)
        {
            Check(GuardDistances.Count == ProbeImages.Count, $"guardDistances must hold {ProbeImages.Count} rows; it holds {GuardDistances.Count}");
            Check(GuardDistances.All(row => row is { Count: > 0 } && row.Count == GuardDistances[0].Count), "guardDistances rows must be non-empty and of one length");
        }

        var values = Logit.Concat(Features.SelectMany(r => r)).Concat(GuardDistances?.SelectMany(r => r) ?? []);
        Check(values.All(float.IsFinite), "every recorded value must be finite");
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new FormatException($"Self-test: {message}.");
        }
    }
}
