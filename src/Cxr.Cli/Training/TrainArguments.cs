namespace Cxr.Cli.Training;

/// <summary>The parsed arguments of <c>cxr train</c>; nulls mean "the preset's value".</summary>
public sealed record TrainArguments(
    string? Data,
    string? Manifest,
    string Preset,
    string? Architecture,
    int? Size,
    int? Epochs,
    int? StepsPerEpoch,
    int? Batch,
    double? LearningRate,
    int? Seed,
    int? Threads,
    string? ThresholdPolicy,
    double ValidationFraction,
    string? Name,
    string Output,
    string? Cache,
    bool Resume,
    double? EmaDecay = null,
    double? MixupAlpha = null,
    double? MixupProbability = null,
    string? Contrast = null,
    double? ClaheClip = null,
    int? ClaheGrid = null);
