using System.Text.Json;

namespace Cxr.Core.Imaging;

/// <summary>Serializes a <see cref="ContrastStep"/> as the object the preprocessing spec uses, e.g.
/// <c>{"method":"clahe","clip":2,"grid":8}</c>.</summary>
public sealed class ContrastStepJsonConverter : PreprocessStepJsonConverter<ContrastStep>
{
    /// <inheritdoc/>
    protected override ContrastStep ReadStep(JsonElement element) => ContrastStep.ReadJson(element, string.Empty);

    /// <inheritdoc/>
    protected override void WriteStep(Utf8JsonWriter writer, ContrastStep value) => value.WriteJson(writer);
}
