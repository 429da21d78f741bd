using System.Diagnostics.CodeAnalysis;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Cxr.Training.Models;

/// <summary>
/// The original Keras notebook's CNN, layer for layer: input 150×150, Conv 32→64→128→128 (3×3 valid, ReLU), each followed
/// by 2×2 max-pool, SpatialDropout 0.2 after the 3rd and 4th blocks, Flatten, Dense 512 ReLU, Dense 1 (sigmoid applied
/// outside). One grayscale input channel instead of the notebook's three identical RGB channels.
/// </summary>
/// <remarks>Feature maps: 150→148→74→72→36→34→17→15→7, so Flatten gives 128·7·7 = 6272 features.
/// Parameters: 3,453,121 with 3 input channels (the notebook's summary); 3,452,545 with 1.</remarks>
[SuppressMessage("Usage", "CA2213:Disposable fields should be disposed",
    Justification = "The layer fields are registered by RegisterComponents, and TorchSharp's Module.Dispose disposes every registered module.")]
public sealed class SeedCnn : CxrModel
{
    public const string ArchitectureId = "seed-cnn";
    public const int DefaultInputSize = 150;

    private readonly Conv2d conv1;
    private readonly ReLU relu1;
    private readonly MaxPool2d pool1;
    private readonly Conv2d conv2;
    private readonly ReLU relu2;
    private readonly MaxPool2d pool2;
    private readonly Conv2d conv3;
    private readonly ReLU relu3;
    private readonly MaxPool2d pool3;
    private readonly Dropout2d drop3;
    private readonly Conv2d conv4;
    private readonly ReLU relu4;
    private readonly MaxPool2d pool4;
    private readonly Dropout2d drop4;
    private readonly Linear dense;
    private readonly ReLU denseRelu;
    private readonly Linear output;
    private readonly IReadOnlyList<Module<Tensor, Tensor>> featureLayers;

    /// <param name="inputChannels">1 (cxr) or 3 (to check the notebook's parameter count).</param>
    /// <param name="inputSize">Square input size; 150 in the notebook.</param>
    public SeedCnn(int inputChannels = 1, int inputSize = DefaultInputSize) : base(nameof(SeedCnn))
    {
        InputSize = inputSize;
        conv1 = Conv2d(inputChannels, 32, 3);
        relu1 = ReLU();
        pool1 = MaxPool2d(2);
        conv2 = Conv2d(32, 64, 3);
        relu2 = ReLU();
        pool2 = MaxPool2d(2);
        conv3 = Conv2d(64, 128, 3);
        relu3 = ReLU();
        pool3 = MaxPool2d(2);
        drop3 = Dropout2d(0.2);
        conv4 = Conv2d(128, 128, 3);
        relu4 = ReLU();
        pool4 = MaxPool2d(2);
        drop4 = Dropout2d(0.2);
        var side = FeatureSide(inputSize);
        dense = Linear(128 * side * side, 512);
        denseRelu = ReLU();
        output = Linear(512, 1);
        featureLayers = [conv1, relu1, pool1, conv2, relu2, pool2, conv3, relu3, pool3, drop3, conv4, relu4, pool4, drop4];
        RegisterComponents();
    }

    public override string Architecture => ArchitectureId;

    public override int InputSize { get; }

    public override bool StandardizesInput => false;

    public override IReadOnlyList<Module<Tensor, Tensor>> FeatureLayers => featureLayers;

    public override ModelHead Head => ModelHead.FlattenDense;

    /// <summary>The hidden dense layer (6272→512 at 150 px).</summary>
    public Linear Dense => dense;

    /// <summary>The output layer (512→1).</summary>
    public Linear Output => output;

    public override (Linear Dense, Linear Output) DenseLayers => (dense, output);

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = Features(input).flatten(1);
        x = denseRelu.call(dense.call(x));
        return output.call(x).squeeze(1).MoveToOuterDisposeScope();
    }

    /// <summary>The dense layer's ReLU activations <c>[N, DenseUnits]</c>.</summary>
    public override Tensor Embedding(Tensor input)
    {
        using var scope = NewDisposeScope();
        return denseRelu.call(dense.call(Features(input).flatten(1))).MoveToOuterDisposeScope();
    }

    public override Tensor ClassActivationMap(Tensor input) =>
        throw new NotSupportedException("seed-cnn has a dense head: exact class-activation maps need a GAP architecture such as cxrnet.");

    /// <summary>Side of the last feature map: four (valid 3×3 conv, 2×2 pool) blocks.</summary>
    public static int FeatureSide(int inputSize)
    {
        var side = inputSize;
        for (var i = 0; i < 4; i++)
        {
            side = (side - 2) / 2;
        }

        return side;
    }
}
