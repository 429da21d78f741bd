using Cxr.Core.Contracts;
using Cxr.Training.Guard;
using Cxr.Training.Models;

namespace Cxr.Training.Export;

/// <summary>A cxr ONNX model read back into TorchSharp by <see cref="OnnxModelImporter"/>.</summary>
/// <param name="Model">The network in its folded form (eval-mode function of the file).</param>
/// <param name="Card">The file's model card (its temperature is the one the graph applies).</param>
/// <param name="Guard">The input guard's spec and references, or null when the file has no learned guard.</param>
public sealed record ImportedModel(FoldedCxrNet Model, ModelCard Card, FittedInputGuard? Guard);
