namespace Cxr.Core.Contracts;

/// <summary>A model's metadata does not make a valid <see cref="ModelCard"/>. The message is one sentence that starts
/// with the model's source and names the key, the value found and what was expected.</summary>
public sealed class ModelCardException : FormatException
{
    public ModelCardException()
    {
    }

    public ModelCardException(string message)
        : base(message)
    {
    }

    public ModelCardException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
