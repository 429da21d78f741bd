namespace Cxr.Web.Problems;

/// <summary>
/// Thrown by request handling to answer with a problem document; the exception handler turns it into the response.
/// <see cref="Exception.Message"/> becomes <c>detail</c>, so it is a specific sentence for the person who sent the request.
/// </summary>
public sealed class ApiProblemException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="problem">The problem kind (status, type, title).</param>
    /// <param name="detail">What exactly went wrong, for the client.</param>
    /// <param name="retryAfterSeconds">Sent as <c>Retry-After</c> when set (429 and 503).</param>
    /// <param name="extensions">Extra members of the problem document (RFC 9457 extensions), e.g. <c>inputCheck</c>.</param>
    public ApiProblemException(ApiProblem problem, string detail, int? retryAfterSeconds = null, IReadOnlyDictionary<string, object?>? extensions = null)
        : base(detail)
    {
        Problem = problem;
        RetryAfterSeconds = retryAfterSeconds;
        Extensions = extensions;
    }

    /// <summary>Extra members of the problem document, or null.</summary>
    public IReadOnlyDictionary<string, object?>? Extensions { get; }

    /// <summary>The problem kind.</summary>
    public ApiProblem Problem { get; }

    /// <summary>Seconds to send in <c>Retry-After</c>, or null.</summary>
    public int? RetryAfterSeconds { get; }
}
