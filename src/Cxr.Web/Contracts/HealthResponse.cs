namespace Cxr.Web.Contracts;

/// <summary>Health endpoint body.</summary>
/// <param name="Status"><c>Healthy</c>, <c>Degraded</c> or <c>Unhealthy</c>.</param>
/// <param name="Checks">Each check's status and description.</param>
public sealed record HealthResponse(string Status, IReadOnlyDictionary<string, HealthCheckEntry> Checks);
