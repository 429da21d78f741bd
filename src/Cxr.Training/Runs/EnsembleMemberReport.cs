namespace Cxr.Training.Runs;

/// <summary>One member of an ensemble run, as <c>validation.json</c> and the member's <c>member.json</c> record it.</summary>
/// <param name="Member">1-based member number k; its files are in <c>member-k/</c>.</param>
/// <param name="Seed">The member's training seed (the run's seed + k − 1).</param>
/// <param name="TrainImages">Films of the other K − 1 folds it trained on.</param>
/// <param name="HeldOutImages">Films of fold k: its validation set (best epoch, early stop) and its out-of-fold
/// predictions.</param>
/// <param name="BestEpoch">1-based epoch whose weights the member kept.</param>
/// <param name="EpochsRun">Epochs completed.</param>
/// <param name="StoppedEarly">Early stopping ended its training.</param>
/// <param name="TrainingSeconds">Training wall time, summed over resumed sessions.</param>
/// <param name="HeldOutAuc">ROC AUC of its logits on fold k (the fold also chose its best epoch, so this is slightly
/// optimistic).</param>
/// <param name="ManifestSha256">SHA-256 of <c>member-k/manifest.csv</c>, its train/held-out split.</param>
public sealed record EnsembleMemberReport(
    int Member,
    int Seed,
    int TrainImages,
    int HeldOutImages,
    int BestEpoch,
    int EpochsRun,
    bool StoppedEarly,
    double TrainingSeconds,
    double HeldOutAuc,
    string ManifestSha256);
