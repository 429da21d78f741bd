using System.Diagnostics;
using System.Globalization;
using Cxr.Core.Contracts;
using Cxr.Core.Imaging;

namespace Cxr.Inference;

/// <summary>
/// What the self-test needs before ONNX Runtime has the model: the weights checksum, verified at once (so a changed weight
/// byte is reported as damage, not as whatever ONNX Runtime makes of it), and the probe tensor, prepared on another thread while the session is being created (a cold session takes a few hundred ms; this
/// hides the probe's preparation behind it).
/// </summary>
internal sealed class ModelSelfTestInputs
{
    private ModelSelfTestInputs(string? verifiedWeightsSha256, Task<(int Size, float[] Tensor)?> probe, double elapsedMs)
    {
        VerifiedWeightsSha256 = verifiedWeightsSha256;
        Probe = probe;
        ElapsedMs = elapsedMs;
    }

    /// <summary>The weights' SHA-256 when the file records one and it matched; null when the file records none.</summary>
    public string? VerifiedWeightsSha256 { get; }

    /// <summary>The input size read from the metadata and the probe tensor at that size (one channel); null when the file
    /// has no readable size (<see cref="ModelSelfTest.Run"/> then makes the tensor itself; a file without a self-test is
    /// refused there, from its model card).</summary>
    public Task<(int Size, float[] Tensor)?> Probe { get; }

    /// <summary>Wall time spent here, on the caller's thread.</summary>
    public double ElapsedMs { get; }

    /// <exception cref="ModelLoadException">The file records a weights checksum that its weights do not match.</exception>
    public static ModelSelfTestInputs Prepare(string source, byte[] modelBytes)
    {
        var start = Stopwatch.GetTimestamp();
        var sha256 = ModelSelfTest.CheckRecordedWeights(source, modelBytes);
        var probe = Task.Run(() => Read(modelBytes));
        return new ModelSelfTestInputs(sha256, probe, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }

    private static (int Size, float[] Tensor)? Read(byte[] modelBytes)
    {
        try
        {
            var sizeText = OnnxWeightsHash.FindMetadata(modelBytes, ModelMetadataKeys.InputSize);
            if (!int.TryParse(sizeText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var size) || size is < PreprocessSpec.MinSize or > PreprocessSpec.MaxSize)
            {
                return null;
            }

            return (size, ProbeImages.Tensor(size));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
