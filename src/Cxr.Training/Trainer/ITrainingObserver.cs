namespace Cxr.Training.Trainer;

/// <summary>Receives progress from a training run (the CLI shows it; tests may record it).</summary>
public interface ITrainingObserver
{
    /// <summary>A phase starts (decoding, training, calibrating, exporting); <paramref name="total"/> is its size when known.</summary>
    void OnPhase(string phase, int total = 0);

    /// <summary>Progress within a non-training phase (images decoded so far).</summary>
    void OnPhaseProgress(int done);

    void OnStep(TrainingStepInfo info);

    void OnEpoch(EpochRecord record);

    /// <summary>A plain message worth showing (resumed, early stop, checkpoint saved).</summary>
    void OnMessage(string message);
}
