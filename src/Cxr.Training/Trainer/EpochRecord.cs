namespace Cxr.Training.Trainer;

/// <summary>One row of <c>log.csv</c>: training loss and validation metrics after an epoch (1-based).
/// Validation accuracy/sensitivity/specificity are at probability 0.5 of the uncalibrated model.</summary>
public sealed record EpochRecord(
    int Epoch,
    double TrainLoss,
    double ValidationLoss,
    double ValidationAccuracy,
    double ValidationSensitivity,
    double ValidationSpecificity,
    double ValidationAuc,
    double LearningRate,
    double ImagesPerSecond,
    double Seconds,
    double ResidentMemoryMb,
    bool IsBest);
