using Cxr.Web.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cxr.Web.Endpoints;

/// <summary><c>/health/live</c> (the process answers) and <c>/health/ready</c> (the model is loaded and answers), as
/// plain endpoints so they are in the OpenAPI document. Not rate limited.</summary>
public static class HealthEndpoints
{
    /// <summary>Tag of the checks that decide readiness.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Maps the group.</summary>
    public static RouteGroupBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/health").WithTags("Health");
        group.MapGet("/live", GetLiveness)
            .WithName("GetLiveness")
            .WithSummary("Liveness: the process answers")
            .WithDescription("Always 200 while the process runs; restart the service when it stops answering.");
        group.MapGet("/ready", GetReadinessAsync)
            .WithName("GetReadiness")
            .WithSummary("Readiness: the model is loaded")
            .WithDescription("200 when every readiness check passes (the model is loaded before the service listens), else 503.");
        return group;
    }

    /// <summary>Liveness: the process answers.</summary>
    /// <param name="context">The request (for the cache header).</param>
    public static Ok<HealthResponse> GetLiveness(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new HealthResponse(nameof(HealthStatus.Healthy), new Dictionary<string, HealthCheckEntry>(StringComparer.Ordinal)));
    }

    /// <summary>Readiness: the model is loaded.</summary>
    /// <param name="context">The request (for the cache header).</param>
    /// <param name="health">Runs the checks tagged <see cref="ReadyTag"/>.</param>
    /// <param name="cancellationToken">Aborted request.</param>
    public static async Task<Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>>> GetReadinessAsync(
        HttpContext context, HealthCheckService health, CancellationToken cancellationToken)
    {
        context.Response.Headers.CacheControl = "no-store";
        var report = await health.CheckHealthAsync(c => c.Tags.Contains(ReadyTag), cancellationToken).ConfigureAwait(false);
        var checks = report.Entries.ToDictionary(e => e.Key, e => new HealthCheckEntry(e.Value.Status.ToString(), e.Value.Description), StringComparer.Ordinal);
        var body = new HealthResponse(report.Status.ToString(), checks);
        return report.Status == HealthStatus.Unhealthy
            ? TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable)
            : TypedResults.Ok(body);
    }
}
