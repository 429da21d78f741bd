namespace Cxr.Core.Text;

/// <summary>The research-use disclaimer, in the two forms every surface (command line, API, page, reports, heatmaps)
/// shows it in, so it cannot drift between them. The page's static HTML carries a copy that a test compares to these.</summary>
public static class Disclaimer
{
    /// <summary>The statement, where there is room for a sentence: help text, the model card, the API description,
    /// evaluation reports, the page.</summary>
    public const string Statement = "Research and education only. Not a medical device: not for diagnosis, triage or any clinical decision.";

    /// <summary>The same in a few words, for the end of a status line or a caption.</summary>
    public const string Notice = "research and education only, not a medical device";
}
