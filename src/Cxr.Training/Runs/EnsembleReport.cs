using Cxr.Core.Contracts;

namespace Cxr.Training.Runs;

/// <summary>What an ensemble run (<c>cxr train --ensemble K</c>) adds to <see cref="TrainingReport"/>: its members,
/// the fold seed, and that the report's validation metrics are out-of-fold.</summary>
/// <param name="Members">The K members in member order.</param>
/// <param name="FoldSeed">Seed of the patient-grouped K-fold assignment.</param>
/// <param name="Calibration"><see cref="EnsembleSpec.OutOfFoldCalibration"/>: the temperature, threshold and
/// <see cref="TrainingReport.Validation"/> come from each training film's logit by the one member that did not train on
/// it, standing in for the ensemble's mean logit (which has no held-out films).</param>
public sealed record EnsembleReport(IReadOnlyList<EnsembleMemberReport> Members, int FoldSeed, string Calibration);
