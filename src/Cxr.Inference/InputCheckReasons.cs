namespace Cxr.Inference;

/// <summary>Why an image is judged not to be a frontal chest X-ray (<see cref="InputCheck.Reason"/>). Part of the API
/// contract: never rename one, only add.</summary>
public static class InputCheckReasons
{
    /// <summary>The image is in colour; radiographs are gray.</summary>
    public const string Color = "color";

    /// <summary>The image is far wider than tall, or the reverse; no chest film has that shape.</summary>
    public const string AspectRatio = "aspect_ratio";

    /// <summary>The image is (nearly) one flat tone: nothing to read.</summary>
    public const string LowContrast = "low_contrast";

    /// <summary>The image looks like a chest film turned on its side or upside down.</summary>
    public const string Rotated = "rotated";

    /// <summary>The image looks like an inverted chest film (a negative: bones dark, lungs light).</summary>
    public const string Inverted = "inverted";

    /// <summary>The image's features are farther from the training films than the model's threshold.</summary>
    public const string OutOfDistribution = "out_of_distribution";

    /// <summary>Every reason, for documentation and tests.</summary>
    public static IReadOnlyList<string> All { get; } = [Color, AspectRatio, LowContrast, Rotated, Inverted, OutOfDistribution];
}
