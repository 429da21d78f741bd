namespace Cxr.Cli.Evaluation;

/// <summary>An image the model got wrong at the threshold.</summary>
/// <param name="File">Path relative to the data root or manifest folder, forward slashes.</param>
/// <param name="Label">The true label.</param>
/// <param name="Probability">The model's P(PNEUMONIA).</param>
internal sealed record Misclassification(string File, string Label, double Probability);
