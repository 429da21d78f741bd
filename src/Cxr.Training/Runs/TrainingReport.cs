using Cxr.Core.Evaluation;
using Cxr.Training.Trainer;

namespace Cxr.Training.Runs;

/// <summary>What a finished run produced: the content of <c>validation.json</c> plus file locations.</summary>
public sealed record TrainingReport
{
    public required string ModelName { get; init; }

    public required string Architecture { get; init; }

    public required int InputSize { get; init; }

    public required long ParameterCount { get; init; }

    public required int TrainImages { get; init; }

    public required int ValidationImages { get; init; }

    public required int BestEpoch { get; init; }

    public required int EpochsRun { get; init; }

    public required bool StoppedEarly { get; init; }

    public required double TrainingSeconds { get; init; }

    public required double TotalSeconds { get; init; }

    public required double Temperature { get; init; }

    public required string ThresholdPolicy { get; init; }

    /// <summary>Validation metrics of the calibrated model at the stored threshold.</summary>
    public required BinaryMetrics Validation { get; init; }

    /// <summary>Validation metrics at probability 0.5, for comparison.</summary>
    public required BinaryMetrics ValidationAtHalf { get; init; }

    public required string ManifestSha256 { get; init; }

    public required string TrainedUtc { get; init; }

    public required TrainingOptions Options { get; init; }

    public string? ModelPath { get; init; }
}
