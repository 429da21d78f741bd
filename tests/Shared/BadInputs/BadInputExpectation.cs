namespace Cxr.Tests.BadInputs;

/// <summary>
/// The exact outcome one corpus item must get.
/// </summary>
/// <param name="Id">The <see cref="BadInput.Id"/>.</param>
/// <param name="Outcome">Refused or predicted.</param>
/// <param name="ErrorCode">The pipeline's <c>ImageInputException.Code</c> (also the CLI's JSON <c>errorCode</c>), or
/// null when predicted.</param>
/// <param name="Message">The exact sentence <c>cxr predict</c> prints after <c>error: FILE: </c> (and the exception
/// message), or null when predicted.</param>
/// <param name="ApiStatus">HTTP status of <c>POST /api/v1/predictions</c> with the item as the <c>image</c> field.</param>
/// <param name="ProblemSlug">The last segment of the problem <c>type</c> URI, or null for 200.</param>
/// <param name="ApiDetail">The exact problem <c>detail</c>, or null for 200.</param>
internal sealed record BadInputExpectation(
    string Id,
    BadInputOutcome Outcome,
    string? ErrorCode,
    string? Message,
    int ApiStatus,
    string? ProblemSlug,
    string? ApiDetail)
{
    /// <summary>Exit code of <c>cxr predict FILE</c>.</summary>
    public int CliExitCode => Outcome == BadInputOutcome.Predicted ? 0 : 2;

    /// <summary>The line <c>cxr predict FILE</c> prints for the file (table format), or null when predicted.</summary>
    public string? CliLine(string file) => Message is null ? null : $"error: {file}: {Message}";
}
