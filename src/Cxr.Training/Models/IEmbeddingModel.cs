using static TorchSharp.torch;

namespace Cxr.Training.Models;

/// <summary>Something that maps images to the embedding the input guard measures distances in: a single
/// <see cref="CxrModel"/>, or a <see cref="CxrEnsemble"/> (its members' embeddings side by side).</summary>
public interface IEmbeddingModel
{
    /// <summary>Square input size S in pixels.</summary>
    int InputSize { get; }

    /// <summary>Eval-mode embedding <c>[N, F]</c> of images <c>[N, 1, S, S]</c> in [0, 1]: what the ONNX <c>features</c>
    /// output returns.</summary>
    Tensor Embedding(Tensor input);

    /// <summary>Eval mode until the returned scope is disposed, then the previous mode again.</summary>
    IDisposable EnterEvaluationMode();
}
