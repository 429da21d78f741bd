using Cxr.Training.Trainer;

namespace Cxr.Training.Tests.Runs;

/// <summary>Records what a training run reports, and optionally cancels it at a given step of a given ensemble member.</summary>
public sealed class RecordingObserver(int stopMember = 0, long stopStep = 0, CancellationTokenSource? cancel = null) : ITrainingObserver
{
    public List<TrainingStepInfo> Steps { get; } = [];

    public List<string> Phases { get; } = [];

    public List<string> Messages { get; } = [];

    public void OnPhase(string phase, int total = 0) => Phases.Add(phase);

    public void OnPhaseProgress(int done)
    {
    }

    public void OnStep(TrainingStepInfo info)
    {
        Steps.Add(info);
        if (info.Member == stopMember && info.GlobalStep == stopStep)
        {
            cancel?.Cancel();
        }
    }

    public void OnEpoch(EpochRecord record)
    {
    }

    public void OnMessage(string message) => Messages.Add(message);
}
