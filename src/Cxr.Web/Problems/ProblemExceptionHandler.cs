using Cxr.Core.Imaging;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Cxr.Web.Problems;

/// <summary>
/// Turns every exception that reaches the top of the pipeline into an RFC 9457 problem document with the right status:
/// <see cref="ApiProblemException"/> as given, <see cref="ImageInputException"/> by its code, framework
/// <see cref="BadHttpRequestException"/>s by their status, anything else as a logged 500 without internals.
/// </summary>
internal sealed partial class ProblemExceptionHandler(ProblemWriter writer, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (problem, detail, retryAfter) = exception switch
        {
            ApiProblemException api => (api.Problem, api.Message, api.RetryAfterSeconds),
            ImageInputException image => (ProblemTypes.ForImageError(image), image.Message, null),
            BadHttpRequestException bad => (ProblemTypes.ForStatus(bad.StatusCode), bad.Message, (int?)null),
            _ => (ProblemTypes.InternalError, "The service failed to handle this request. It has been logged; try again later.", null),
        };
        if (problem == ProblemTypes.InternalError)
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path, httpContext.TraceIdentifier);
        }

        var extensions = (exception as ApiProblemException)?.Extensions;
        return await writer.WriteAsync(httpContext, problem, detail, retryAfter, exception, extensions).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 500, Level = LogLevel.Error, Message = "Unhandled error in {Method} {Path} (trace {TraceId})")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path, string traceId);
}
