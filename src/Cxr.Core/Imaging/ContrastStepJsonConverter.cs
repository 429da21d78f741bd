using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cxr.Core.Imaging;

/// <summary>Serializes a <see cref="ContrastStep"/> as the object the preprocessing spec uses, e.g.
/// <c>{"method":"clahe","clip":2,"grid":8}</c>, wherever one is part of a serialized record (training options,
/// checkpoints).</summary>
public sealed class ContrastStepJsonConverter : JsonConverter<ContrastStep>
{
    /// <inheritdoc/>
    /// <exception cref="JsonException">The value is not a contrast step object (the message says what is wrong).</exception>
    public override ContrastStep Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        try
        {
            return ContrastStep.ReadJson(document.RootElement, string.Empty);
        }
        catch (FormatException e)
        {
            throw new JsonException(e.Message, e);
        }
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, ContrastStep value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        value.WriteJson(writer);
    }
}
