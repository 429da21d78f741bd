using System.Text.Json.Serialization;
using Cxr.Core.Contracts;
using Cxr.Core.Evaluation;
using Cxr.Training.Guard;
using Cxr.Training.Trainer;

namespace Cxr.Training.Runs;

/// <summary>What a finished run produced: the content of <c>validation.json</c> plus file locations.</summary>
/// <remarks>For an ensemble run (<see cref="Ensemble"/> set) the validation films are all the training films, each
/// scored out of fold; <see cref="BestEpoch"/> and <see cref="EpochsRun"/> are the largest over the members,
/// <see cref="StoppedEarly"/> whether any member stopped early, <see cref="TrainingSeconds"/> and
/// <see cref="ParameterCount"/> the members' sum; each member's own values are in <see cref="Ensemble"/>.</remarks>
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

    /// <summary>The fitted input guard as written to the model metadata.</summary>
    public InputGuardSpec? InputGuard { get; init; }

    /// <summary>How the input guard treats the training films it was fitted on.</summary>
    public InputGuardReport? InputGuardTrain { get; init; }

    /// <summary>How the input guard treats the validation films (not used to fit it).</summary>
    public InputGuardReport? InputGuardValidation { get; init; }

    public string? ModelPath { get; init; }

    /// <summary>The members and calibration of an ensemble run; null (and absent from <c>validation.json</c>) for a
    /// single model.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public EnsembleReport? Ensemble { get; init; }
}
