namespace Cxr.Inference.Tests;

/// <summary>Tests over the TorchSharp-made models share one <see cref="TorchModels"/> and run one class at a time (model
/// construction draws from TorchSharp's global generator). They also run apart from every other test: TorchSharp's
/// optimizers pass implicitly converted <c>Scalar</c>s to libtorch that only the garbage collector frees, and with the
/// allocation-heavy fuzz and guard tests running beside them a collection mid-call once freed one in use (a clean-clone
/// CI run failed in <c>AdamW.step</c> with "Exception raised from toFloat at c10/core/Scalar.h").</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchModelCollection : ICollectionFixture<TorchModels>
{
    public const string Name = "TorchSharp-made models";
}
