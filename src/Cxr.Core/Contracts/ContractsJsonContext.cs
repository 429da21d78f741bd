using System.Text.Json.Serialization;

namespace Cxr.Core.Contracts;

/// <summary>Source-generated JSON for the contract records read at every model load: no reflection warm-up (which cost
/// ~50 ms on the first self-test of a process).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ModelSelfTestSpec))]
internal sealed partial class ContractsJsonContext : JsonSerializerContext;
