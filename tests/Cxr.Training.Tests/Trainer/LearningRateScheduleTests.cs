using Cxr.Training.Trainer;

namespace Cxr.Training.Tests.Trainer;

public sealed class LearningRateScheduleTests
{
    [Fact]
    public void One_cycle_warms_up_to_the_peak_then_anneals_to_a_hundredth()
    {
        const long total = 1001;
        var warmEnd = (long)(LearningRateSchedule.WarmupFraction * (total - 1));
        Assert.Equal(0.01, LearningRateSchedule.At(LearningRateScheduleKind.OneCycle, 1.0, 0, total), 6);
        Assert.Equal(1.0, LearningRateSchedule.At(LearningRateScheduleKind.OneCycle, 1.0, warmEnd, total), 6);
        Assert.Equal(0.01, LearningRateSchedule.At(LearningRateScheduleKind.OneCycle, 1.0, total - 1, total), 6);
    }

    [Fact]
    public void Constant_schedule_never_moves()
    {
        Assert.Equal(1e-4, LearningRateSchedule.At(LearningRateScheduleKind.Constant, 1e-4, 500, 3000));
    }
}
