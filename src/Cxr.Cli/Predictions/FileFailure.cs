namespace Cxr.Cli.Predictions;

/// <summary>A file that could not be predicted.</summary>
/// <param name="File">The path as given or found.</param>
/// <param name="Error">One plain sentence.</param>
/// <param name="ErrorCode">Stable code: the image error's (<c>unsupported_format</c>, <c>corrupt</c>, ...),
/// <c>unreadable</c> or <c>not_found</c>.</param>
internal sealed record FileFailure(string File, string Error, string ErrorCode) : IFileResult;
