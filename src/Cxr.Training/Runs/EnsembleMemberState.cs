using Cxr.Training.Trainer;

namespace Cxr.Training.Runs;

/// <summary>The content of <c>member-k/member.json</c>, written last when member k has finished: its report, the options
/// it was trained with and its held-out logits. Its presence is what lets <c>--resume</c> skip the member.</summary>
/// <param name="Report">The member's summary.</param>
/// <param name="Options">Its training options (with its own seed).</param>
/// <param name="OutOfFoldLogits">Its eval-mode logits on fold k, in the order of fold k's rows of
/// <c>member-k/manifest.csv</c>.</param>
internal sealed record EnsembleMemberState(EnsembleMemberReport Report, TrainingOptions Options, IReadOnlyList<double> OutOfFoldLogits);
