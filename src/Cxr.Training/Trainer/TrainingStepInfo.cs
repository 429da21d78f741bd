namespace Cxr.Training.Trainer;

/// <summary>Progress after one optimisation step.</summary>
public sealed record TrainingStepInfo(
    int Epoch,
    int Epochs,
    int Step,
    int StepsPerEpoch,
    long GlobalStep,
    long TotalSteps,
    double Loss,
    double LearningRate,
    double ImagesPerSecond,
    TimeSpan Elapsed,
    TimeSpan Eta);
