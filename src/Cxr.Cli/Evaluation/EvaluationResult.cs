using Cxr.Cli.Evaluation.Robustness;
using Cxr.Core.Evaluation;
using Cxr.Inference;

namespace Cxr.Cli.Evaluation;

/// <summary>Everything one <c>cxr evaluate</c> measured.</summary>
internal sealed record EvaluationResult(
    ModelInfo Model,
    EvaluationSet Set,
    int[] Labels,
    double[] Probabilities,
    BinaryMetrics Metrics,
    BootstrapResult Intervals,
    int BootstrapIterations,
    int BootstrapSeed,
    IReadOnlyList<SubtypeSensitivity> Subtypes,
    IReadOnlyList<Misclassification> Misclassified,
    double SecondsPerImage)
{
    /// <summary>Coverage of <see cref="Intervals"/>.</summary>
    public const double Confidence = 0.95;

    /// <summary>How many images the input guard would have refused, by reason (they are still in the metrics).</summary>
    public IReadOnlyDictionary<string, int> GuardRefusals { get; init; } = new Dictionary<string, int>();

    /// <summary>The robustness table, when <c>--robustness</c> asked for it.</summary>
    public RobustnessResult? Robustness { get; init; }
}
