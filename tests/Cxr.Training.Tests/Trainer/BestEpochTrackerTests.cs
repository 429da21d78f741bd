using Cxr.Training.Trainer;

namespace Cxr.Training.Tests.Trainer;

public sealed class BestEpochTrackerTests
{
    [Fact]
    public void The_first_epoch_is_the_best_and_a_higher_auc_replaces_it()
    {
        var tracker = new BestEpochTracker(patience: 0);
        Assert.True(tracker.Observe(1, auc: 0.70, loss: 0.6));
        Assert.False(tracker.Observe(2, auc: 0.65, loss: 0.1));
        Assert.True(tracker.Observe(3, auc: 0.80, loss: 0.9));
        Assert.Equal(3, tracker.BestEpoch);
        Assert.Equal(0.80, tracker.BestAuc);
        Assert.Equal(0, tracker.EpochsWithoutImprovement);
    }

    [Fact]
    public void An_equal_auc_is_better_only_with_a_lower_loss()
    {
        var tracker = new BestEpochTracker(patience: 0);
        tracker.Observe(1, auc: 0.9, loss: 0.5);
        Assert.False(tracker.Observe(2, auc: 0.9, loss: 0.5));
        Assert.False(tracker.Observe(3, auc: 0.9, loss: 0.6));
        Assert.True(tracker.Observe(4, auc: 0.9, loss: 0.4));
        Assert.Equal(4, tracker.BestEpoch);
        Assert.Equal(0.4, tracker.BestLoss);
    }

    [Fact]
    public void Stops_after_patience_epochs_without_improvement_and_not_before()
    {
        var tracker = new BestEpochTracker(patience: 2);
        tracker.Observe(1, auc: 0.9, loss: 0.5);
        tracker.Observe(2, auc: 0.8, loss: 0.5);
        Assert.False(tracker.ShouldStop);
        tracker.Observe(3, auc: 0.8, loss: 0.5);
        Assert.True(tracker.ShouldStop);
        Assert.Equal(1, tracker.BestEpoch);
        Assert.Equal(2, tracker.EpochsWithoutImprovement);
    }

    [Fact]
    public void An_improvement_resets_the_patience_count()
    {
        var tracker = new BestEpochTracker(patience: 2);
        tracker.Observe(1, auc: 0.9, loss: 0.5);
        tracker.Observe(2, auc: 0.8, loss: 0.5);
        tracker.Observe(3, auc: 0.95, loss: 0.5);
        tracker.Observe(4, auc: 0.8, loss: 0.5);
        Assert.False(tracker.ShouldStop);
    }

    [Fact]
    public void Patience_zero_never_stops()
    {
        var tracker = new BestEpochTracker(patience: 0);
        tracker.Observe(1, auc: 0.9, loss: 0.5);
        for (var epoch = 2; epoch <= 20; epoch++)
        {
            tracker.Observe(epoch, auc: 0.5, loss: 0.5);
        }

        Assert.Equal(19, tracker.EpochsWithoutImprovement);
        Assert.False(tracker.ShouldStop);
    }

    [Fact]
    public void A_nan_auc_is_never_best()
    {
        var tracker = new BestEpochTracker(patience: 0);
        Assert.False(tracker.Observe(1, auc: double.NaN, loss: 0.5));
        Assert.Equal(0, tracker.BestEpoch);
        Assert.True(tracker.Observe(2, auc: 0.6, loss: 0.5));
    }

    [Fact]
    public void From_a_checkpoint_continues_the_count_and_breaks_ties_with_the_saved_best_loss()
    {
        var state = new CheckpointState
        {
            BestAuc = 0.9,
            BestEpoch = 1,
            EpochsWithoutImprovement = 1,
            History = [Epoch(1, auc: 0.9, loss: 0.3), Epoch(2, auc: 0.85, loss: 0.2)],
        };
        var tracker = BestEpochTracker.From(state, patience: 2);
        Assert.Equal(0.3, tracker.BestLoss);
        Assert.False(tracker.Observe(3, auc: 0.9, loss: 0.35));
        Assert.True(tracker.ShouldStop);

        var tie = BestEpochTracker.From(state, patience: 2);
        Assert.True(tie.Observe(3, auc: 0.9, loss: 0.25));
        Assert.Equal(3, tie.BestEpoch);
    }

    [Fact]
    public void From_a_new_runs_state_has_no_best_epoch()
    {
        var tracker = BestEpochTracker.From(new CheckpointState(), patience: 3);
        Assert.Equal(0, tracker.BestEpoch);
        Assert.Equal(double.NegativeInfinity, tracker.BestAuc);
        Assert.True(tracker.Observe(1, auc: 0.5, loss: 0.7));
    }

    private static EpochRecord Epoch(int epoch, double auc, double loss) =>
        new(epoch, 0.5, loss, 0.8, 0.8, 0.8, auc, 1e-3, 10, 1, 100, IsBest: false);
}
