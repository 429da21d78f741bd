using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cxr.Core.Imaging;

/// <summary>Serializes a <see cref="BorderTrim"/> as the object the preprocessing spec uses, e.g.
/// <c>{"method":"dark","level":16,"share":0.98,"max":0.25}</c>, wherever one is part of a serialized record (training options,
/// checkpoints).</summary>
public sealed class BorderTrimJsonConverter : JsonConverter<BorderTrim>
{
    /// <inheritdoc/>
    /// <exception cref="JsonException">The value is not a border trim object (the message says what is wrong).</exception>
    public override BorderTrim Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        try
        {
            return BorderTrim.ReadJson(document.RootElement, string.Empty);
        }
        catch (FormatException e)
        {
            throw new JsonException(e.Message, e);
        }
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, BorderTrim value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        value.WriteJson(writer);
    }
}
