using Cxr.Core.Contracts;
using Cxr.Training.Export;
using Microsoft.ML.OnnxRuntime;

namespace Cxr.Training.Tests.Export;

/// <summary>Runs an exported cxr model in ONNX Runtime and copies every output out.</summary>
internal static class OnnxRun
{
    /// <summary>Runs <paramref name="images"/> (<c>[batch, 1, size, size]</c>) and returns each output's values and shape.</summary>
    public static Dictionary<string, (float[] Values, long[] Shape)> Run(InferenceSession session, float[] images, int size)
    {
        var batch = images.Length / (size * size);
        using var input = OrtValue.CreateTensorValueFromMemory(images, [batch, 1, size, size]);
        using var runOptions = new RunOptions();
        var outputNames = session.OutputNames;
        using var outputs = session.Run(runOptions, [OnnxModelContract.ImageInput], [input], outputNames);
        var result = new Dictionary<string, (float[], long[])>(StringComparer.Ordinal);
        for (var i = 0; i < outputNames.Count; i++)
        {
            var value = outputs[i];
            result[outputNames[i]] = (value.GetTensorDataAsSpan<float>().ToArray(), value.GetTensorTypeAndShape().Shape);
        }

        return result;
    }
}
