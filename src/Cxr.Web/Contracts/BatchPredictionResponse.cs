using Cxr.Inference.Reporting;

namespace Cxr.Web.Contracts;

/// <summary>The answer to a batch: one item per uploaded image, in upload order.</summary>
/// <param name="Model">The model that answered.</param>
/// <param name="Count">Number of images received.</param>
/// <param name="Succeeded">Items with a result.</param>
/// <param name="Failed">Items with an error.</param>
/// <param name="Items">Per-image outcomes.</param>
/// <param name="TotalMs">Server-side time for the whole batch, in milliseconds.</param>
public sealed record BatchPredictionResponse(ModelReference Model, int Count, int Succeeded, int Failed, IReadOnlyList<BatchItemResult> Items, double TotalMs);
