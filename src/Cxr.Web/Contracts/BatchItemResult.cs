using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;

namespace Cxr.Web.Contracts;

/// <summary>The outcome for one image of a batch: a <see cref="Result"/> or an <see cref="Error"/>, never both.</summary>
/// <param name="Index">Position of the image in the request, from 0.</param>
/// <param name="FileName">The uploaded file's name, when the client sent one.</param>
/// <param name="Status">The HTTP status this image would have had alone (200, 400, 413, 415 or 422).</param>
/// <param name="Result">The prediction, when <paramref name="Status"/> is 200.</param>
/// <param name="Error">The problem document, otherwise.</param>
public sealed record BatchItemResult(
    int Index,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? FileName,
    int Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PredictionResponse? Result,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ProblemDetails? Error);
