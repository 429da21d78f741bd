namespace Cxr.Testing.BadInputs;

/// <summary>
/// The exact outcome one corpus item must get.
/// </summary>
/// <param name="Id">The <see cref="BadInput.Id"/>.</param>
/// <param name="Outcome">Refused, not a chest X-ray, or predicted.</param>
/// <param name="Code">For <see cref="BadInputOutcome.Refused"/> the pipeline's <c>ImageInputException.Code</c> (the
/// CLI's JSON <c>errorCode</c>); for <see cref="BadInputOutcome.NotChestXray"/> the guard's <c>InputCheck.Reason</c>
/// (<c>inputCheck.reason</c> in the CLI's JSON and the API); null when predicted.</param>
/// <param name="Message">The exact sentence <c>cxr predict</c> prints after <c>error: FILE: </c> or
/// <c>refused: FILE: </c> (the exception's message, or the guard's); null when predicted.</param>
/// <param name="ApiStatus">HTTP status of <c>POST /api/v1/predictions</c> with the item as the <c>image</c> field.</param>
/// <param name="ProblemSlug">The last segment of the problem <c>type</c> URI, or null for 200.</param>
/// <param name="ApiDetail">The exact problem <c>detail</c>, or null for 200.</param>
public sealed record BadInputExpectation(
    string Id,
    BadInputOutcome Outcome,
    string? Code,
    string? Message,
    int ApiStatus,
    string? ProblemSlug,
    string? ApiDetail)
{
    /// <summary>What the API adds to the guard's message in a <c>not-a-chest-xray</c> problem's <c>detail</c>.</summary>
    public const string ForceHint = " Send force=true to get the model's answer anyway (it is then not a finding).";

    /// <summary>Exit code of <c>cxr predict FILE</c> (<c>PredictCommand.ExitSomeFailed</c> = 2,
    /// <c>ExitSomeRefused</c> = 3).</summary>
    public int CliExitCode => Outcome switch
    {
        BadInputOutcome.Refused => 2,
        BadInputOutcome.NotChestXray => 3,
        _ => 0,
    };

    /// <summary>True when the image decodes (the guard may still refuse it).</summary>
    public bool Decodes => Outcome != BadInputOutcome.Refused;

    /// <summary>The line <c>cxr predict FILE</c> prints for the file below its table, or null when predicted.</summary>
    public string? CliLine(string file) => Outcome switch
    {
        BadInputOutcome.Refused => $"error: {file}: {Message}",
        BadInputOutcome.NotChestXray => $"refused: {file}: {Message}",
        _ => null,
    };

    /// <summary>The summary line's counts for <c>cxr predict FILE</c> (one file), up to the model name.</summary>
    public string CliSummaryPattern => Outcome switch
    {
        BadInputOutcome.Refused => @"1 file: 0 predicted \(0 PNEUMONIA, 0 NORMAL\), 0 refused as not chest X-rays, 1 failed",
        BadInputOutcome.NotChestXray => @"1 file: 0 predicted \(0 PNEUMONIA, 0 NORMAL\), 1 refused as not chest X-rays, 0 failed",
        _ => @"1 file: 1 predicted \((1 PNEUMONIA, 0 NORMAL|0 PNEUMONIA, 1 NORMAL)\), 0 refused as not chest X-rays, 0 failed",
    };
}
