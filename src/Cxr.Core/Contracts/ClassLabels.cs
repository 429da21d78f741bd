using Cxr.Core.Data;

namespace Cxr.Core.Contracts;

/// <summary>The class names: the data set's folder names, the manifests' <c>label</c> column, the model's
/// <c>cxr.labels</c> and every prediction's label. Part of the model contract: never rename one.</summary>
public static class ClassLabels
{
    /// <summary>No pneumonia; class id 0.</summary>
    public const string Normal = "NORMAL";

    /// <summary>Bacterial or viral pneumonia, the positive class; class id 1.</summary>
    public const string Pneumonia = "PNEUMONIA";

    /// <summary>Every class name, index = class id.</summary>
    public static IReadOnlyList<string> All { get; } = [Normal, Pneumonia];

    /// <summary>The name of <paramref name="label"/>.</summary>
    public static string Of(CxrLabel label) => label switch
    {
        CxrLabel.Normal => Normal,
        CxrLabel.Pneumonia => Pneumonia,
        _ => throw new ArgumentOutOfRangeException(nameof(label), label, "not a CxrLabel"),
    };
}
