namespace Cxr.Training.Augmentation;

/// <summary>Everything random about one batch's augmentation: one draw per image and the seed of the batch's noise
/// generator (noise is drawn by libtorch from that seed, so the batch's whole randomness comes from one stream).</summary>
public sealed record BatchDraw(IReadOnlyList<ImageDraw> Images, ulong NoiseSeed);
