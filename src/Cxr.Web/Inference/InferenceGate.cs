using System.Threading.RateLimiting;
using Cxr.Web.Options;
using Cxr.Web.Problems;
using Microsoft.Extensions.Options;

namespace Cxr.Web.Inference;

/// <summary>
/// Bounds how many requests decode and run the model at once (<see cref="CxrWebOptions.MaxConcurrentInferences"/>)
/// with a short FIFO queue (<see cref="CxrWebOptions.QueueLimit"/>). When both are full a request is refused at once
/// with 503 and <c>Retry-After</c>, so overload sheds load instead of growing latency and memory without bound.
/// </summary>
public sealed class InferenceGate : IDisposable
{
    /// <summary>The <c>Retry-After</c> seconds sent with 503.</summary>
    public const int RetryAfterSeconds = 1;

    private readonly ConcurrencyLimiter _limiter;
    private readonly int _capacity;
    private readonly int _queueLimit;

    /// <summary>Creates the gate from the options.</summary>
    public InferenceGate(IOptions<CxrWebOptions> options)
    {
        var settings = options.Value;
        _capacity = settings.MaxConcurrentInferences;
        _queueLimit = settings.QueueLimit;
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = settings.MaxConcurrentInferences,
            QueueLimit = settings.QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>Requests running now.</summary>
    public long Running => _limiter.GetStatistics() is { } s ? _capacity - s.CurrentAvailablePermits : 0;

    /// <summary>Requests waiting for a slot now.</summary>
    public long Queued => _limiter.GetStatistics()?.CurrentQueuedCount ?? 0;

    /// <summary>Refuses at once (before the upload is read) when every slot and queue place is taken.</summary>
    /// <exception cref="ApiProblemException">503 overloaded.</exception>
    public void ThrowIfSaturated()
    {
        if (_limiter.GetStatistics() is { CurrentAvailablePermits: 0 } stats && stats.CurrentQueuedCount >= _queueLimit)
        {
            throw Overloaded();
        }
    }

    /// <summary>Waits for a slot (FIFO); dispose the lease when the model has run.</summary>
    /// <exception cref="ApiProblemException">503 when the queue is full.</exception>
    /// <exception cref="OperationCanceledException">The request was aborted or timed out while waiting.</exception>
    public async ValueTask<RateLimitLease> EnterAsync(CancellationToken cancellationToken)
    {
        var lease = await _limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (lease.IsAcquired)
        {
            return lease;
        }

        lease.Dispose();
        throw Overloaded();
    }

    /// <summary>Takes a slot without waiting, or returns null (for tests and diagnostics).</summary>
    public RateLimitLease? TryEnter()
    {
        var lease = _limiter.AttemptAcquire(1);
        if (lease.IsAcquired)
        {
            return lease;
        }

        lease.Dispose();
        return null;
    }

    public void Dispose() => _limiter.Dispose();

    private static ApiProblemException Overloaded() => new(ProblemTypes.Overloaded,
        "Every inference slot is busy and the queue is full. Retry after the time in the Retry-After header.",
        RetryAfterSeconds);
}
