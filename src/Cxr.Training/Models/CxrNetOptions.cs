namespace Cxr.Training.Models;

/// <summary>Shape of a <see cref="CxrNet"/>. The defaults are the committed default model; see docs/training.md for the
/// alternatives that were measured.</summary>
/// <param name="InputSize">Square input size S.</param>
/// <param name="StemWidth">Channels of the stride-2 stem convolution.</param>
/// <param name="Widths">Channels of each block; every block but the last ends with a 2×2 max-pool.</param>
/// <param name="ConvsPerBlock">3×3 conv+BN+ReLU units per block.</param>
/// <param name="HeadDropout">Dropout on the pooled features during training.</param>
/// <param name="Standardize">Standardise each image to zero mean, unit variance first (robust to exposure differences).</param>
/// <param name="StandardizeIgnoresBlack">With <paramref name="Standardize"/>: take the mean and variance over the non-black
/// pixels only (<see cref="CxrModel.Standardize(TorchSharp.torch.Tensor, bool)"/>), so black added at the edges (a margin,
/// or a frame over the film) rescales the film only by what it hides, not by its own darkness.</param>
public sealed record CxrNetOptions(
    int InputSize = 224,
    int StemWidth = 16,
    IReadOnlyList<int>? Widths = null,
    int ConvsPerBlock = 1,
    double HeadDropout = 0.2,
    bool Standardize = true,
    bool StandardizeIgnoresBlack = false)
{
    /// <summary>Block widths, defaulting to 16, 32, 64, 128, 256.</summary>
    public IReadOnlyList<int> BlockWidths => Widths ?? [16, 32, 64, 128, 256];
}
