namespace Cxr.Inference;

/// <summary>Sentences about the input guard beyond each check's own reason (those are
/// <see cref="InputCheck.Message"/>, worded in <see cref="InputGuard"/>). Defined once so the command line, the API and
/// the page say the same thing.</summary>
public static class InputCheckMessages
{
    /// <summary>The warning that comes with a label reported although the guard refused the image (<c>cxr predict
    /// --force</c>, <c>force=true</c>, the page's "Analyse anyway").</summary>
    /// <param name="refusal">The guard's <see cref="InputCheck.Message"/>.</param>
    public static string Forced(string? refusal) => $"Forced past the input guard: {refusal} The label is not a finding.";
}
