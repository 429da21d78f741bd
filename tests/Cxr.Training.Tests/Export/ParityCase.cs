using Cxr.Testing.Images;
using Cxr.Testing.Models;
using Cxr.Training.Export;
using Cxr.Training.Models;
using Microsoft.ML.OnnxRuntime;
using static TorchSharp.torch;

namespace Cxr.Training.Tests.Export;

/// <summary>One model run on the 64 sample images by TorchSharp and, after export, by ONNX Runtime. For the model that
/// leaves black pixels out of its standardisation, every other image gets a black frame (10 % a side), so the mask
/// matters.</summary>
internal sealed class ParityCase : IDisposable
{
    public ParityCase(string kind)
    {
        Model = SeededModels.Create(kind);
        Size = Model.InputSize;
        Images = kind == SeededModels.CxrNetIgnoresBlack ? FrameEveryOther(SampleImages.Load(Size), Size) : SampleImages.Load(Size);
        OnnxBytes = OnnxExporter.ExportToBytes(Model, SeededModels.Card(Model));
        Session = new InferenceSession(OnnxBytes);

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var input = tensor(Images, [SampleImages.Count, 1, Size, Size]);
        // The input of the last linear layer is the "features" output (dropout is the identity in eval mode).
        var lastLinear = Model switch
        {
            CxrNet net => net.Classifier,
            SeedCnn seed => seed.Output,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown test model."),
        };
        float[]? features = null;
        var hook = lastLinear.register_forward_pre_hook((_, x) =>
        {
            features = x.data<float>().ToArray();
            return x;
        });
        TorchLogits = Model.call(input).data<float>().ToArray();
        hook.remove();
        TorchFeatures = features ?? throw new InvalidOperationException("The forward hook did not run.");
        if (Model.Head == ModelHead.GlobalAveragePoolLinear)
        {
            TorchHeatmap = Model.ClassActivationMap(input).data<float>().ToArray();
        }

        Onnx = OnnxRun.Run(Session, Images, Size);
    }

    public CxrModel Model { get; }

    public int Size { get; }

    public float[] Images { get; }

    public byte[] OnnxBytes { get; }

    public InferenceSession Session { get; }

    public float[] TorchLogits { get; }

    public float[] TorchFeatures { get; }

    /// <summary>TorchSharp's class-activation map <c>[64, h, w]</c>; null for dense heads.</summary>
    public float[]? TorchHeatmap { get; }

    /// <summary>ONNX Runtime's outputs for the whole 64-image batch.</summary>
    public Dictionary<string, (float[] Values, long[] Shape)> Onnx { get; }

    /// <summary>One image of <see cref="Images"/>, <c>[size × size]</c>.</summary>
    public float[] One(int index) => Images.AsSpan(index * Size * Size, Size * Size).ToArray();

    public void Dispose()
    {
        Session.Dispose();
        Model.Dispose();
    }

    private static float[] FrameEveryOther(float[] images, int size)
    {
        var framed = (float[])images.Clone();
        var width = size / 10;
        for (var image = 0; image < SampleImages.Count; image += 2)
        {
            for (var i = 0; i < size * size; i++)
            {
                int x = i % size, y = i / size;
                if (x < width || y < width || x >= size - width || y >= size - width)
                {
                    framed[(image * size * size) + i] = 0;
                }
            }
        }

        return framed;
    }
}
