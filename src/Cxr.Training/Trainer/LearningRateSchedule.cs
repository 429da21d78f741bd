namespace Cxr.Training.Trainer;

/// <summary>The learning rate as a pure function of the step, so a resumed run needs no scheduler state.</summary>
public static class LearningRateSchedule
{
    /// <summary>Fraction of the run spent warming up in <see cref="LearningRateScheduleKind.OneCycle"/>.</summary>
    public const double WarmupFraction = 0.15;

    /// <summary>Rate for 0-based <paramref name="step"/> of <paramref name="totalSteps"/>.</summary>
    public static double At(LearningRateScheduleKind kind, double peak, long step, long totalSteps)
    {
        if (totalSteps <= 1 || kind == LearningRateScheduleKind.Constant)
        {
            return peak;
        }

        var floor = peak / 100;
        var progress = Math.Clamp(step / (double)(totalSteps - 1), 0, 1);
        if (kind == LearningRateScheduleKind.OneCycle)
        {
            if (progress < WarmupFraction)
            {
                return floor + ((peak - floor) * progress / WarmupFraction);
            }

            progress = (progress - WarmupFraction) / (1 - WarmupFraction);
        }

        return floor + ((peak - floor) * 0.5 * (1 + Math.Cos(Math.PI * progress)));
    }
}
