using static TorchSharp.torch;

namespace Cxr.Training.Export;

/// <summary>
/// Readable, unique names for a model's submodules, used for ONNX node and initializer names: the last segment of the
/// registered path (<c>features.block1_conv1</c> → <c>block1_conv1</c>), or the full path with dots as underscores
/// when two last segments collide; an ensemble member's names all start with its prefix (<c>member1_block1_conv1</c>).
/// </summary>
internal sealed class ModuleNames
{
    private readonly Dictionary<nn.Module, string> _names = new(ReferenceEqualityComparer.Instance);
    private readonly string _prefix;
    private int _anonymous;

    /// <param name="model">The model whose submodules are named.</param>
    /// <param name="prefix">Put before every name (empty for a single model).</param>
    public ModuleNames(nn.Module model, string prefix = "")
    {
        _prefix = prefix;
        var modules = model.named_modules().Where(m => m.name.Length > 0).ToList();
        var lastSegments = modules
            .GroupBy(m => LastSegment(m.name), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        foreach (var (name, module) in modules)
        {
            var last = LastSegment(name);
            _names.TryAdd(module, prefix + (lastSegments[last] == 1 ? last : name.Replace('.', '_')));
        }
    }

    /// <summary>The module's name; modules the model never registered get <c>layer{k}</c>.</summary>
    public string this[nn.Module module]
    {
        get
        {
            if (!_names.TryGetValue(module, out var name))
            {
                name = $"{_prefix}layer{++_anonymous}";
                _names[module] = name;
            }

            return name;
        }
    }

    private static string LastSegment(string path) => path[(path.LastIndexOf('.') + 1)..];
}
