namespace Cxr.Inference;

/// <summary>
/// A model file cannot be served: it is missing, not ONNX, truncated, or not a cxr model (a metadata key is missing or
/// holds a value this build cannot use). The message is one plain sentence that starts with the model's source name,
/// e.g. <c>models/x.onnx is missing metadata key 'cxr.threshold'</c>.
/// </summary>
public sealed class ModelLoadException : Exception
{
    public ModelLoadException(string message)
        : base(message)
    {
    }

    public ModelLoadException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public ModelLoadException()
    {
    }
}
