namespace Cxr.Inference.Tests;

/// <summary>Tests over the TorchSharp-made models share one <see cref="TorchModels"/> and run one class at a time (model
/// construction draws from TorchSharp's global generator).</summary>
[CollectionDefinition(Name)]
public sealed class TorchModelCollection : ICollectionFixture<TorchModels>
{
    public const string Name = "TorchSharp-made models";
}
