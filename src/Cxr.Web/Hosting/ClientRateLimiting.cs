using System.Globalization;
using System.Threading.RateLimiting;
using Cxr.Web.Options;
using Cxr.Web.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cxr.Web.Hosting;

/// <summary>
/// Per-client rate limiting with ASP.NET Core's rate limiter: one token bucket per remote IP address, sized by
/// <see cref="RateLimitOptions"/>. Rejected requests get a 429 problem document with <c>Retry-After</c>.
/// </summary>
/// <remarks>Behind a reverse proxy every client has the proxy's address; configure forwarded headers there first.</remarks>
internal static class ClientRateLimiting
{
    /// <summary>The policy name the API endpoints require.</summary>
    public const string PolicyName = "per-client";

    public static IServiceCollection AddClientRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(PolicyName, context =>
            {
                var settings = context.RequestServices.GetRequiredService<IOptions<CxrWebOptions>>().Value.RateLimit;
                if (settings.PermitsPerMinute == 0)
                {
                    return RateLimitPartition.GetNoLimiter("unlimited");
                }

                var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetTokenBucketLimiter(client, _ => BucketFor(settings));
            });
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
                    ? (int)Math.Ceiling(wait.TotalSeconds)
                    : 1;
                var settings = context.HttpContext.RequestServices.GetRequiredService<IOptions<CxrWebOptions>>().Value.RateLimit;
                var writer = context.HttpContext.RequestServices.GetRequiredService<ProblemWriter>();
                await writer.WriteAsync(context.HttpContext, ProblemTypes.RateLimited,
                    string.Create(CultureInfo.InvariantCulture,
                        $"This client sent more than {settings.PermitsPerMinute} requests per minute (bursts up to {settings.Burst}). Retry after {Math.Max(1, retryAfter)} s."),
                    retryAfter).ConfigureAwait(false);
            };
        });
        return services;
    }

    /// <summary>Refills every second when the rate is at least one per second, else one token at a time.</summary>
    internal static TokenBucketRateLimiterOptions BucketFor(RateLimitOptions settings)
    {
        var perMinute = settings.PermitsPerMinute;
        var (period, tokens) = perMinute >= 60
            ? (TimeSpan.FromSeconds(1), (int)Math.Ceiling(perMinute / 60.0))
            : (TimeSpan.FromSeconds(60.0 / perMinute), 1);
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(settings.Burst, tokens),
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }
}
