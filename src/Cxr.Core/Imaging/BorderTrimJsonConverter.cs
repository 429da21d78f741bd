using System.Text.Json;

namespace Cxr.Core.Imaging;

/// <summary>Serializes a <see cref="BorderTrim"/> as the object the preprocessing spec uses, e.g.
/// <c>{"method":"dark","level":16,"share":0.98,"max":0.25}</c>.</summary>
public sealed class BorderTrimJsonConverter : PreprocessStepJsonConverter<BorderTrim>
{
    /// <inheritdoc/>
    protected override BorderTrim ReadStep(JsonElement element) => BorderTrim.ReadJson(element, string.Empty);

    /// <inheritdoc/>
    protected override void WriteStep(Utf8JsonWriter writer, BorderTrim value) => value.WriteJson(writer);
}
