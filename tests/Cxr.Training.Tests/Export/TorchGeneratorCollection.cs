namespace Cxr.Training.Tests.Export;

/// <summary>Test classes that build seeded TorchSharp models: run one at a time, so no other class draws from the global
/// generator between <c>torch.manual_seed</c> and the end of a model's initialisation.</summary>
[CollectionDefinition(Name)]
public sealed class TorchGeneratorCollection
{
    public const string Name = "TorchSharp global generator";
}
