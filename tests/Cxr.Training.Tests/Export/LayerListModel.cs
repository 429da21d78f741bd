using Cxr.Training.Models;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Cxr.Training.Tests.Export;

/// <summary>A model made of arbitrary named layers, to check how the exporter treats layers it does not support.</summary>
internal sealed class LayerListModel : CxrModel
{
    private readonly TorchSharp.Modules.Sequential features;
    private readonly IReadOnlyList<Module<Tensor, Tensor>> featureLayers;

    public LayerListModel(params (string Name, Module<Tensor, Tensor> Layer)[] layers) : base(nameof(LayerListModel))
    {
        features = Sequential(layers);
        featureLayers = layers.Select(l => l.Layer).ToList();
        RegisterComponents();
    }

    public override string Architecture => "layer-list";

    public override int InputSize => 16;

    public override bool StandardizesInput => false;

    public override IReadOnlyList<Module<Tensor, Tensor>> FeatureLayers => featureLayers;

    public override ModelHead Head => ModelHead.GlobalAveragePoolLinear;

    public override Tensor forward(Tensor input) => Features(input).mean([1L, 2L, 3L]);

    public override Tensor Embedding(Tensor input) => Features(input).mean([2L, 3L]);

    public override Tensor ClassActivationMap(Tensor input) => throw new NotSupportedException();
}
