using static TorchSharp.torch;

namespace Cxr.Training.Export;

/// <summary>Copies TorchSharp tensors into plain arrays for the exporter (always float32, CPU, row-major).</summary>
internal static class TensorValues
{
    /// <summary>The tensor's values as float32 in row-major order, detached from autograd.</summary>
    public static float[] ToFloats(Tensor tensor)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return tensor.detach().cpu().to_type(ScalarType.Float32).contiguous().data<float>().ToArray();
    }
}
