namespace Cxr.Core.Imaging;

/// <summary>The data has no bytes at all. Code <c>empty</c>.</summary>
public sealed class EmptyImageException : ImageInputException
{
    /// <summary>The stable code of this error.</summary>
    public const string ErrorCode = "empty";

    /// <summary>Creates the exception with the message "The file is empty (0 bytes).".</summary>
    public EmptyImageException()
        : base("The file is empty (0 bytes).")
    {
    }

    /// <inheritdoc />
    public override string Code => ErrorCode;
}
