using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cxr.Cli.Predictions;

/// <summary>Source-generated JSON for <c>cxr predict --format json</c>: Web naming like the API, indented for people,
/// and without escaping non-ASCII (file names, "×" in messages) since the text goes to a file or a pipe, not a page.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(PredictionsDocument))]
internal sealed partial class CliJsonContext : JsonSerializerContext
{
    /// <summary>The context with the relaxed encoder (attributes cannot set one).</summary>
    public static CliJsonContext Output { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
