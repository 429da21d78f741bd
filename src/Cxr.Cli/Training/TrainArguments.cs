namespace Cxr.Cli.Training;

/// <summary>The parsed arguments of <c>cxr train</c>; nulls mean "the preset's value" (for <see cref="ValidationFraction"/>
/// 0.12, for <see cref="Ensemble"/> one model).</summary>
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
    double? ValidationFraction,
    string? Name,
    string Output,
    string? Cache,
    bool Resume,
    double? EmaDecay = null,
    double? MixupAlpha = null,
    double? MixupProbability = null,
    string? Contrast = null,
    double? ClaheClip = null,
    int? ClaheGrid = null,
    int? Ensemble = null,
    bool TrimBorders = false,
    double? CropMinArea = null,
    double? ZoomOutProbability = null,
    double? Consistency = null,
    double? PneumoniaZoomOutProbability = null);
