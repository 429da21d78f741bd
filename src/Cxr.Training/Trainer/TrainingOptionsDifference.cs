using System.Text.Json;

namespace Cxr.Training.Trainer;

/// <summary>Where two <see cref="TrainingOptions"/> differ, by their JSON names (as in <c>checkpoint.json</c> and the model
/// card's options), ignoring what does not change what a run computes beyond its last bits (<c>threads</c>) or only
/// names it (<c>preset</c>). A resumed run must match the checkpoint's options: the network, the augmentation, the
/// schedule and the random stream all continue from them.</summary>
internal static class TrainingOptionsDifference
{
    private static readonly HashSet<string> Ignored = ["threads", "preset"];

    /// <summary>Each differing leaf as <c>path: made (this run: current)</c>, e.g.
    /// <c>net.standardizeIgnoresBlack: true (this run: false)</c>; empty when the two would train alike.</summary>
    public static IReadOnlyList<string> Between(TrainingOptions made, TrainingOptions current)
    {
        var differences = new List<string>();
        Compare("", JsonSerializer.SerializeToElement(made, TrainingJson.Compact), JsonSerializer.SerializeToElement(current, TrainingJson.Compact), differences);
        return differences;
    }

    private static void Compare(string path, JsonElement made, JsonElement current, List<string> differences)
    {
        if (made.ValueKind == JsonValueKind.Object && current.ValueKind == JsonValueKind.Object)
        {
            var names = made.EnumerateObject().Select(p => p.Name).Union(current.EnumerateObject().Select(p => p.Name));
            foreach (var name in names.Where(n => path.Length > 0 || !Ignored.Contains(n)))
            {
                Compare(path.Length == 0 ? name : $"{path}.{name}", Property(made, name), Property(current, name), differences);
            }
        }
        else if (!JsonElement.DeepEquals(made, current))
        {
            differences.Add($"{path}: {Text(made)} (this run: {Text(current)})");
        }
    }

    private static JsonElement Property(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value : default;

    private static string Text(JsonElement element) => element.ValueKind == JsonValueKind.Undefined ? "absent" : element.GetRawText();
}
