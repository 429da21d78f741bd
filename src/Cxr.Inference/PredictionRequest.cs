namespace Cxr.Inference;

/// <summary>Per-call choices for a prediction.</summary>
/// <param name="Threshold">Decision threshold on the PNEUMONIA probability, in [0, 1], replacing the model's stored
/// threshold for this call; null = the model's (<see cref="ModelInfo.Threshold"/>).</param>
/// <param name="Heatmap">Compute the class-activation heatmap (ignored for models without one, see
/// <see cref="ModelInfo.HasHeatmap"/>).</param>
public sealed record PredictionRequest(double? Threshold = null, bool Heatmap = true)
{
    /// <summary>The defaults: the model's threshold, with a heatmap.</summary>
    public static PredictionRequest Default { get; } = new();
}
