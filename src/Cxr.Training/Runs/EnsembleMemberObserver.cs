using Cxr.Training.Trainer;

namespace Cxr.Training.Runs;

/// <summary>Passes one ensemble member's training progress on to the run's observer, with the member's place
/// (<see cref="TrainingStepInfo.Member"/> of <see cref="TrainingStepInfo.Members"/>) and the time the whole ensemble
/// still needs (<see cref="TrainingStepInfo.EnsembleEta"/>: this member's rest plus the later members' full runs at this
/// member's pace).</summary>
internal sealed class EnsembleMemberObserver(ITrainingObserver inner, int memberIndex, int members) : ITrainingObserver
{
    public void OnPhase(string phase, int total = 0) => inner.OnPhase(phase, total);

    public void OnPhaseProgress(int done) => inner.OnPhaseProgress(done);

    public void OnStep(TrainingStepInfo info)
    {
        var remaining = info.TotalSteps - info.GlobalStep;
        var secondsPerStep = remaining > 0
            ? info.Eta.TotalSeconds / remaining
            : info.Elapsed.TotalSeconds / Math.Max(1, info.GlobalStep);
        var later = (members - 1 - memberIndex) * info.TotalSteps * secondsPerStep;
        inner.OnStep(info with
        {
            Member = memberIndex + 1,
            Members = members,
            EnsembleEta = info.Eta + TimeSpan.FromSeconds(later),
        });
    }

    public void OnEpoch(EpochRecord record) => inner.OnEpoch(record);

    public void OnMessage(string message) => inner.OnMessage($"member {memberIndex + 1}/{members}: {message}");
}
