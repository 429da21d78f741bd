using static TorchSharp.torch;

namespace Cxr.Training.Export;

/// <summary>
/// Readable, unique names for a model's submodules, used for ONNX node and initializer names: the last segment of the
/// registered path (<c>features.block1_conv1</c> → <c>block1_conv1</c>), or the full path with dots as underscores
/// when two last segments collide.
/// </summary>
internal sealed class ModuleNames
{
    private readonly Dictionary<nn.Module, string> _names = new(ReferenceEqualityComparer.Instance);
    private int _anonymous;

    public ModuleNames(nn.Module model)
    {
        var modules = model.named_modules().Where(m => m.name.Length > 0).ToList();
        var lastSegments = modules
            .GroupBy(m => LastSegment(m.name), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        foreach (var (name, module) in modules)
        {
            var last = LastSegment(name);
            _names.TryAdd(module, lastSegments[last] == 1 ? last : name.Replace('.', '_'));
        }
    }

    /// <summary>The module's name; modules the model never registered get <c>layer{k}</c>.</summary>
    public string this[nn.Module module]
    {
        get
        {
            if (!_names.TryGetValue(module, out var name))
            {
                name = $"layer{++_anonymous}";
                _names[module] = name;
            }

            return name;
        }
    }

    private static string LastSegment(string path) => path[(path.LastIndexOf('.') + 1)..];
}
