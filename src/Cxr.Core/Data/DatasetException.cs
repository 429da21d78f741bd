namespace Cxr.Core.Data;

/// <summary>
/// The data set, a manifest or a split request is unusable; the message says what is wrong and where
/// (folder, or manifest file and line), written to be shown to the user as one line.
/// </summary>
public sealed class DatasetException : Exception
{
    public DatasetException(string message)
        : base(message)
    {
    }

    public DatasetException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
