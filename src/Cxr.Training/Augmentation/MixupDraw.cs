namespace Cxr.Training.Augmentation;

/// <summary>One batch's mixup: image i becomes <c>Lambda·x[i] + (1 − Lambda)·x[Partners[i]]</c>, its target likewise.</summary>
/// <param name="Lambda">Weight of each image itself, in [0, 1]; 1 when the batch is not mixed.</param>
/// <param name="Partners">A permutation of the batch positions: the partner of each image (possibly itself).</param>
public sealed record MixupDraw(double Lambda, IReadOnlyList<int> Partners)
{
    /// <summary>False when the batch is left as it is (λ = 1).</summary>
    public bool Mixes => Lambda != 1;
}
