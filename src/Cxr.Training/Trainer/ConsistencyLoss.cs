using static TorchSharp.torch;

namespace Cxr.Training.Trainer;

/// <summary>The consistency term: the mean squared difference between each tighter view's logit and its whole film's
/// logit, with the whole film's logit held fixed (no gradient flows into it), so the tighter view is pulled to what the
/// whole film says and not the other way round.</summary>
/// <remarks>On logits rather than probabilities: the shift it is for moves the logits of films of both classes by about
/// the same amount (docs/training.md), and a probability near 0 or 1 hides that move from a probability-space distance.</remarks>
internal static class ConsistencyLoss
{
    /// <param name="wholeLogits">Logits of the augmented films <c>[B]</c>.</param>
    /// <param name="tightLogits">Logits of their tighter views <c>[B]</c>.</param>
    /// <returns>A scalar tensor, ≥ 0.</returns>
    public static Tensor Of(Tensor wholeLogits, Tensor tightLogits) =>
        (tightLogits - wholeLogits.detach()).square().mean();
}
