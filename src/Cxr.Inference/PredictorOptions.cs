using Cxr.Core.Imaging;

namespace Cxr.Inference;

/// <summary>How a <see cref="ChestXrayPredictor"/> runs.</summary>
/// <param name="IntraOpThreads">ONNX Runtime threads used inside one inference call (1..256). Concurrent callers share
/// them.</param>
/// <param name="Limits">Limits on untrusted input images (default <see cref="ImageLimits.Default"/>: 20 MB, 25 MP, at least
/// 32 pixels per side).</param>
/// <param name="WarmUp">Run one blank image through the session while loading, so the first real prediction does not
/// pay for ONNX Runtime's lazy initialisation.</param>
/// <param name="MaxBatchSize">Largest number of images sent to ONNX Runtime in one call (1..1024); longer batches are
/// run in chunks of this size, which bounds the activation memory (about 8 MB per image for CxrNet at 224 px).</param>
/// <param name="AllowSpinning">Let idle ONNX Runtime worker threads spin briefly before sleeping: lower latency for
/// back-to-back calls, but they burn CPU between requests. Off by default (the machine is usually shared).</param>
public sealed record PredictorOptions(
    int IntraOpThreads = 2,
    ImageLimits? Limits = null,
    bool WarmUp = true,
    int MaxBatchSize = 32,
    bool AllowSpinning = false)
{
    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for unsupported values.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(IntraOpThreads, 1, nameof(IntraOpThreads));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(IntraOpThreads, 256, nameof(IntraOpThreads));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatchSize, 1, nameof(MaxBatchSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxBatchSize, 1024, nameof(MaxBatchSize));
        Limits?.Validate();
    }
}
