namespace Cxr.Core.Contracts;

/// <summary>
/// Names a cxr ONNX file promises to its readers: the input and the outputs (the metadata is the <see cref="ModelCard"/>).
/// </summary>
/// <remarks>
/// Input <see cref="ImageInput"/>: float <c>[N, 1, S, S]</c>, grayscale in [0, 1], N symbolic (<see cref="BatchDimension"/>).
/// Outputs: <see cref="LogitOutput"/> <c>[N]</c> (uncalibrated logit, PNEUMONIA positive), <see cref="ProbabilityOutput"/>
/// <c>[N]</c> in [0, 1] (= sigmoid(logit / temperature)), <see cref="FeaturesOutput"/> <c>[N, F]</c> (penultimate
/// activations), optionally <see cref="GuardDistancesOutput"/> <c>[N, K]</c>, and for global-average-pool heads <see cref="HeatmapOutput"/> <c>[N, h, w]</c> in logit units whose
/// spatial mean equals the logit. An ensemble (<see cref="EnsembleSpec"/>) has the same outputs — <c>logit</c> and
/// <c>heatmap</c> the means of its members', <c>features</c> its members' features side by side — plus
/// <see cref="MemberSpreadOutput"/> <c>[N]</c>.
/// </remarks>
public static class OnnxModelContract
{
    /// <summary>The image input.</summary>
    public const string ImageInput = "image";

    /// <summary>Symbolic name of the batch dimension.</summary>
    public const string BatchDimension = "N";

    /// <summary>Logit output <c>[N]</c>.</summary>
    public const string LogitOutput = "logit";

    /// <summary>Calibrated probability output <c>[N]</c>.</summary>
    public const string ProbabilityOutput = "probability";

    /// <summary>Class-activation heatmap output <c>[N, h, w]</c> (GAP heads only).</summary>
    public const string HeatmapOutput = "heatmap";

    /// <summary>Penultimate feature output <c>[N, F]</c>.</summary>
    public const string FeaturesOutput = "features";

    /// <summary>Optional input-guard output <c>[N, K]</c>: squared Mahalanobis distance of <see cref="FeaturesOutput"/>
    /// to each of the K references named in <see cref="InputGuardSpec.References"/>.</summary>
    public const string GuardDistancesOutput = "guard_distances";

    /// <summary>Ensembles only, <c>[N]</c> in [0, 0.5]: the population standard deviation (divided by K, not K − 1) over
    /// the K members of their calibrated probabilities <c>sigmoid(logit_k / T)</c>, with the ensemble's temperature T.
    /// It measures how much the members disagree; it is not a confidence interval of <see cref="ProbabilityOutput"/>
    /// (which is sigmoid(mean logit / T), not the mean of the members' probabilities).</summary>
    public const string MemberSpreadOutput = "member_spread";
}
