namespace Cxr.Core.Contracts;

/// <summary>The two class names, as folders on disk, labels in the model card and answers in every output.</summary>
public static class ClassLabels
{
    /// <summary>Class 0: no pneumonia.</summary>
    public const string Normal = "NORMAL";

    /// <summary>Class 1, the positive class: pneumonia (bacterial or viral).</summary>
    public const string Pneumonia = "PNEUMONIA";

    /// <summary>The labels in class-id order.</summary>
    public static IReadOnlyList<string> All { get; } = [Normal, Pneumonia];
}
