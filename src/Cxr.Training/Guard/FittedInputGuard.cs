using Cxr.Core.Contracts;

namespace Cxr.Training.Guard;

/// <summary>An input guard fitted on a model's training split: the spec written to the model metadata, the reference
/// Gaussians the exporter writes into the graph, and how the guard scored the films it was fitted on.</summary>
/// <param name="Spec">What the metadata records (references, threshold, image checks).</param>
/// <param name="References">Means and shared precision, in <see cref="InputGuardSpec.References"/> order.</param>
/// <param name="Report">Rates measured on the fitting films; null for a guard read back from a model file.</param>
public sealed record FittedInputGuard(InputGuardSpec Spec, TiedGaussianReferences References, InputGuardReport? Report);
