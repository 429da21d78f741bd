namespace Cxr.Training.Trainer;

/// <summary>Ignores all progress.</summary>
public sealed class NullTrainingObserver : ITrainingObserver
{
    public static NullTrainingObserver Instance { get; } = new();

    public void OnPhase(string phase, int total = 0)
    {
    }

    public void OnPhaseProgress(int done)
    {
    }

    public void OnStep(TrainingStepInfo info)
    {
    }

    public void OnEpoch(EpochRecord record)
    {
    }

    public void OnMessage(string message)
    {
    }
}
