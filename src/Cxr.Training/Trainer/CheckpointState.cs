namespace Cxr.Training.Trainer;

/// <summary>What <c>checkpoint.json</c> records beside the weights (<c>checkpoint.bin</c>) and the optimiser state
/// (<c>optimizer.bin</c>), so <c>--resume</c> continues from the saved step.</summary>
public sealed record CheckpointState
{
    public int SchemaVersion { get; init; } = 1;

    /// <summary>Optimisation steps completed.</summary>
    public long GlobalStep { get; init; }

    /// <summary>Epochs completed (validation done).</summary>
    public int EpochsCompleted { get; init; }

    public double BestAuc { get; init; } = double.NegativeInfinity;

    public int BestEpoch { get; init; }

    public int EpochsWithoutImprovement { get; init; }

    /// <summary>Sum of training losses in the current, unfinished epoch (so its mean stays right after a resume).</summary>
    public double PartialEpochLossSum { get; init; }

    public double ElapsedSeconds { get; init; }

    public IReadOnlyList<EpochRecord> History { get; init; } = [];

    public TrainingOptions? Options { get; init; }
}
