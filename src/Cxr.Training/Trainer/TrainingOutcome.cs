namespace Cxr.Training.Trainer;

/// <summary>How a call to <see cref="ModelTrainer.Train"/> ended.</summary>
/// <param name="History">One record per completed epoch (including epochs before a resume).</param>
/// <param name="BestEpoch">1-based epoch whose weights the model now holds; 0 when no epoch completed.</param>
/// <param name="Interrupted">Cancelled: a checkpoint was saved, training can be resumed.</param>
/// <param name="StoppedEarly">Early stopping ended the run.</param>
/// <param name="GlobalStep">Optimisation steps completed.</param>
/// <param name="ElapsedSeconds">Training wall time, summed over resumed sessions.</param>
public sealed record TrainingOutcome(
    IReadOnlyList<EpochRecord> History,
    int BestEpoch,
    bool Interrupted,
    bool StoppedEarly,
    long GlobalStep,
    double ElapsedSeconds);
