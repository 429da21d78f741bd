using Cxr.Training.Trainer;

namespace Cxr.Training.Tests.Trainer;

/// <summary>An observer that keeps every epoch's record and, when given a token source, cancels the run once step
/// <c>stopAt</c> has been taken (an interrupted run to resume).</summary>
internal sealed class EpochRecorder(long stopAt = long.MaxValue, CancellationTokenSource? cancel = null) : ITrainingObserver
{
    public List<EpochRecord> Epochs { get; } = [];

    public void OnStep(TrainingStepInfo info)
    {
        if (info.GlobalStep == stopAt)
        {
            cancel?.Cancel();
        }
    }

    public void OnPhase(string phase, int total = 0)
    {
    }

    public void OnPhaseProgress(int done)
    {
    }

    public void OnEpoch(EpochRecord record) => Epochs.Add(record);

    public void OnMessage(string message)
    {
    }
}
