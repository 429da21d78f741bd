using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cxr.Core.Imaging;

/// <summary>Serializes an optional preprocessing step (<see cref="ContrastStep"/>, <see cref="BorderTrim"/>) as the
/// object the preprocessing spec uses, wherever one is part of a serialized record (training options, checkpoints): the
/// step's own strict reader and writer, with its <see cref="FormatException"/> turned into a <see cref="JsonException"/>.</summary>
/// <typeparam name="T">The step type.</typeparam>
public abstract class PreprocessStepJsonConverter<T> : JsonConverter<T>
    where T : class
{
    /// <inheritdoc/>
    /// <exception cref="JsonException">The value is not such a step object (the message says what is wrong).</exception>
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        try
        {
            return ReadStep(document.RootElement);
        }
        catch (FormatException e)
        {
            throw new JsonException(e.Message, e);
        }
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        WriteStep(writer, value);
    }

    /// <summary>The step's strict reader (no message prefix).</summary>
    /// <exception cref="FormatException">The value is not such a step object.</exception>
    protected abstract T ReadStep(JsonElement element);

    /// <summary>The step's writer.</summary>
    protected abstract void WriteStep(Utf8JsonWriter writer, T value);
}
