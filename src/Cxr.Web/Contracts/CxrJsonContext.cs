using System.Text.Json;
using System.Text.Json.Serialization;
using Cxr.Inference.Reporting;
using Microsoft.AspNetCore.Mvc;

namespace Cxr.Web.Contracts;

/// <summary>Source-generated JSON for the API's bodies (no reflection on the hot path).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PredictionResponse))]
[JsonSerializable(typeof(BatchPredictionResponse))]
[JsonSerializable(typeof(ModelCardResponse))]
[JsonSerializable(typeof(LimitsResponse))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(ProblemDetails))]
[JsonSerializable(typeof(InputCheckReport))]
internal sealed partial class CxrJsonContext : JsonSerializerContext;
