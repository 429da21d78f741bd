namespace Cxr.Web.Options;

/// <summary>Per-client (remote IP address) limit on API requests, bound from <c>Cxr:RateLimit</c>.</summary>
public sealed class RateLimitOptions
{
    /// <summary>API requests one client may start per minute (token bucket refilled every second; a batch counts as
    /// one request). 0 turns the limit off. Default 600.</summary>
    public int PermitsPerMinute { get; set; } = 600;

    /// <summary>Largest burst a client may send at once (default 60).</summary>
    public int Burst { get; set; } = 60;
}
