namespace Cxr.Training.Trainer;

/// <summary>Progress after one optimisation step. <see cref="Eta"/> is the rest of this model's training; in an ensemble
/// run <see cref="Member"/>, <see cref="Members"/> and <see cref="EnsembleEta"/> say which member this is and how long the
/// whole ensemble still needs.</summary>
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
    TimeSpan Eta)
{
    /// <summary>1-based member being trained in an ensemble run; 0 for a single model.</summary>
    public int Member { get; init; }

    /// <summary>Members of the ensemble (K); 0 for a single model.</summary>
    public int Members { get; init; }

    /// <summary>Time left for this member and the members after it, at this member's pace (an upper bound when early
    /// stopping ends members sooner); null for a single model.</summary>
    public TimeSpan? EnsembleEta { get; init; }
}
