namespace Cxr.Web.Contracts;

/// <summary>One health check's outcome.</summary>
/// <param name="Status"><c>Healthy</c>, <c>Degraded</c> or <c>Unhealthy</c>.</param>
/// <param name="Description">What was checked, in words.</param>
public sealed record HealthCheckEntry(string Status, string? Description);
