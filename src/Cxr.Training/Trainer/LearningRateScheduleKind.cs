namespace Cxr.Training.Trainer;

/// <summary>How the learning rate moves over the run.</summary>
public enum LearningRateScheduleKind
{
    /// <summary>Linear warm-up to the peak, then cosine annealing to 1/100 of it (one-cycle).</summary>
    OneCycle,

    /// <summary>Cosine annealing from the peak to 1/100 of it, no warm-up.</summary>
    Cosine,

    /// <summary>The same rate throughout (the notebook recipe).</summary>
    Constant,
}
