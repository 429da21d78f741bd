namespace Cxr.Web.Inference;

/// <summary>The service cannot start because its model is missing or invalid; the message says which file and why.</summary>
public sealed class ModelStartupException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ModelStartupException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
