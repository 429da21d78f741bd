using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cxr.Training.Trainer;

/// <summary>JSON settings for every file a training run writes (camelCase, enums as strings, indented).</summary>
public static class TrainingJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The same without indentation, for values stored in ONNX metadata.</summary>
    public static JsonSerializerOptions Compact { get; } = new(Options) { WriteIndented = false };
}
