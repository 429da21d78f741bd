using System.Buffers;
using System.Text;
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

    /// <summary>The <c>member_spread</c> output per probe image, <c>[Count]</c>; null for a model that is no ensemble.</summary>
    public IReadOnlyList<float>? MemberSpread { get; init; }

    /// <summary>Compact JSON with camelCase keys (floats in round-trip form):
    /// <c>{"images":"cxr-probe-v1","tolerance":0.001,"logit":[…],"features":[[…],…],"guardDistances":[[…],…]}</c>, and an ensemble's <c>"memberSpread":[…]</c> last.</summary>
    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("images", Images);
            writer.WriteNumber("tolerance", Tolerance);
            writer.WriteStartArray("logit");
            foreach (var value in Logit)
            {
                writer.WriteNumberValue(value);
            }

            writer.WriteEndArray();
            WriteRows(writer, "features", Features);
            if (GuardDistances is not null)
            {
                WriteRows(writer, "guardDistances", GuardDistances);
            }

            if (MemberSpread is not null)
            {
                writer.WriteStartArray("memberSpread");
                foreach (var value in MemberSpread)
                {
                    writer.WriteNumberValue(value);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Parses and validates <see cref="ToJson"/> output (unknown keys are ignored).</summary>
    /// <exception cref="FormatException">Not JSON, or a value is missing, non-finite or of the wrong count; the message
    /// says which.</exception>
    /// <remarks>Read with <see cref="Utf8JsonReader"/> rather than the serializer: this runs at every model load, and the
    /// serializer's first use in a process cost tens of milliseconds.</remarks>
    public static ModelSelfTestSpec FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new FormatException(reader.TokenType == JsonTokenType.Null ? "The self-test is JSON null." : "The self-test is not a JSON object.");
            }

            var spec = new ModelSelfTestSpec { Images = string.Empty, Tolerance = double.NaN };
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                spec = name switch
                {
                    "images" => spec with { Images = reader.GetString() ?? string.Empty },
                    "tolerance" => spec with { Tolerance = reader.GetDouble() },
                    "logit" => spec with { Logit = ReadRow(ref reader) },
                    "features" => spec with { Features = ReadRows(ref reader) },
                    "guardDistances" => spec with { GuardDistances = reader.TokenType == JsonTokenType.Null ? null : ReadRows(ref reader) },
                    "memberSpread" => spec with { MemberSpread = reader.TokenType == JsonTokenType.Null ? null : ReadRow(ref reader) },
                    _ => Skip(ref reader, spec),
                };
            }

            spec.Validate();
            return spec;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new FormatException($"The self-test is not valid JSON: {e.Message}", e);
        }
    }

    private static void WriteRows(Utf8JsonWriter writer, string name, IReadOnlyList<IReadOnlyList<float>> rows)
    {
        writer.WriteStartArray(name);
        foreach (var row in rows)
        {
            writer.WriteStartArray();
            foreach (var value in row)
            {
                writer.WriteNumberValue(value);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    }

    private static float[] ReadRow(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartArray);
        var values = new List<float>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            values.Add(reader.GetSingle());
        }

        return [.. values];
    }

    private static IReadOnlyList<float>[] ReadRows(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartArray);
        var rows = new List<IReadOnlyList<float>>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            rows.Add(ReadRow(ref reader));
        }

        return [.. rows];
    }

    private static ModelSelfTestSpec Skip(ref Utf8JsonReader reader, ModelSelfTestSpec spec)
    {
        reader.Skip();
        return spec;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (reader.TokenType != type)
        {
            throw new FormatException($"Self-test: expected {type} but found {reader.TokenType}.");
        }
    }

    /// <summary>Throws <see cref="FormatException"/> unless the values are usable.</summary>
    public void Validate()
    {
        Check(Images == ProbeImages.GeneratorId, $"images must be \"{ProbeImages.GeneratorId}\"; got \"{Images}\"");
        Check(Tolerance is > 0 and < 1, "tolerance must be a number in (0, 1)");
        Check(Logit.Count == ProbeImages.Count, $"logit must hold {ProbeImages.Count} values; it holds {Logit.Count}");
        Check(Features.Count == ProbeImages.Count, $"features must hold {ProbeImages.Count} rows; it holds {Features.Count}");
        Check(Features.All(row => row is { Count: > 0 } && row.Count == Features[0].Count), "features rows must be non-empty and of one length");
        if (GuardDistances is not null)
        {
            Check(GuardDistances.Count == ProbeImages.Count, $"guardDistances must hold {ProbeImages.Count} rows; it holds {GuardDistances.Count}");
            Check(GuardDistances.All(row => row is { Count: > 0 } && row.Count == GuardDistances[0].Count), "guardDistances rows must be non-empty and of one length");
        }

        if (MemberSpread is not null)
        {
            Check(MemberSpread.Count == ProbeImages.Count, $"memberSpread must hold {ProbeImages.Count} values; it holds {MemberSpread.Count}");
        }

        var values = Logit.Concat(Features.SelectMany(r => r)).Concat(GuardDistances?.SelectMany(r => r) ?? []).Concat(MemberSpread ?? []);
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
