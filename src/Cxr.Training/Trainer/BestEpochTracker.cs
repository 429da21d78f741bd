namespace Cxr.Training.Trainer;

/// <summary>Which epoch is best and when to stop early. The best epoch has the highest validation AUC; an equal AUC
/// with a lower validation loss also counts as better. Early stopping fires after <c>patience</c> epochs in a row
/// without a better one (0 disables it).</summary>
internal sealed class BestEpochTracker
{
    private readonly int patience;

    /// <param name="patience">Epochs without improvement that stop the run; 0 never stops.</param>
    /// <param name="bestAuc">Validation AUC of the best epoch so far (−∞ before the first).</param>
    /// <param name="bestEpoch">1-based best epoch so far; 0 for none.</param>
    /// <param name="bestLoss">Validation loss of the best epoch so far; NaN for none (so no loss breaks a tie with it).</param>
    /// <param name="epochsWithoutImprovement">Epochs since the best one.</param>
    public BestEpochTracker(
        int patience, double bestAuc = double.NegativeInfinity, int bestEpoch = 0, double bestLoss = double.NaN, int epochsWithoutImprovement = 0)
    {
        this.patience = patience;
        BestAuc = bestAuc;
        BestEpoch = bestEpoch;
        BestLoss = bestLoss;
        EpochsWithoutImprovement = epochsWithoutImprovement;
    }

    public double BestAuc { get; private set; }

    public int BestEpoch { get; private set; }

    public double BestLoss { get; private set; }

    public int EpochsWithoutImprovement { get; private set; }

    /// <summary>Early stopping is on and the last <c>patience</c> epochs brought no improvement.</summary>
    public bool ShouldStop => patience > 0 && EpochsWithoutImprovement >= patience;

    /// <summary>Starts from a checkpoint's state (a new run's state has no best epoch); the best epoch's loss comes from its history.</summary>
    public static BestEpochTracker From(CheckpointState state, int patience)
    {
        var bestLoss = state.BestEpoch >= 1 && state.BestEpoch <= state.History.Count
            ? state.History[state.BestEpoch - 1].ValidationLoss
            : double.NaN;
        return new BestEpochTracker(patience, state.BestAuc, state.BestEpoch, bestLoss, state.EpochsWithoutImprovement);
    }

    /// <summary>Records <paramref name="epoch"/>'s validation result; returns whether it is the new best.</summary>
    public bool Observe(int epoch, double auc, double loss)
    {
        var isBest = auc > BestAuc || (auc == BestAuc && loss < BestLoss);
        if (isBest)
        {
            BestAuc = auc;
            BestEpoch = epoch;
            BestLoss = loss;
            EpochsWithoutImprovement = 0;
        }
        else
        {
            EpochsWithoutImprovement++;
        }

        return isBest;
    }
}
