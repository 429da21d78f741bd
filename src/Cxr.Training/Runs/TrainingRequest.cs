using Cxr.Training.Trainer;

namespace Cxr.Training.Runs;

/// <summary>What <c>cxr train</c> asks for: where the data is, the options, where results go.</summary>
public sealed record TrainingRequest
{
    /// <summary>A data root (Kaggle layout: its train folder is used; or flat class folders). Exclusive with <see cref="ManifestPath"/>.</summary>
    public string? DataRoot { get; init; }

    /// <summary>A manifest from <c>cxr data split</c>; its train and val rows are used (an ensemble folds them
    /// together).</summary>
    public string? ManifestPath { get; init; }

    /// <summary>Share of patients held out for validation when training from <see cref="DataRoot"/>.</summary>
    public double ValidationFraction { get; init; } = 0.12;

    public required TrainingOptions Options { get; init; }

    public required string OutputDirectory { get; init; }

    /// <summary>Where decoded image caches are kept; null disables the persistent cache.</summary>
    public string? CacheDirectory { get; init; }

    public bool Resume { get; init; }

    /// <summary>K ≥ 2 trains an ensemble of K members on patient-grouped cross-fitting folds of all the training films
    /// (<see cref="EnsembleTrainingRun"/>; <see cref="ValidationFraction"/> is then unused); 1 = one model.</summary>
    public int EnsembleMembers { get; init; } = 1;

    /// <summary>Model name stored in metadata.</summary>
    public string ModelName { get; init; } = "cxr-model";

    /// <summary>The command line, stored in the model for the record.</summary>
    public string CommandLine { get; init; } = "";
}
