using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Cxr.Web.Middleware;

/// <summary>
/// One structured log entry per request: method, path (never the query or the body, so no upload is ever logged),
/// status, latency and request size. Replaces ASP.NET Core's own per-request logs.
/// </summary>
internal sealed partial class RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        // Read before the pipeline runs: the default-files middleware rewrites "/" to "/index.html".
        var path = context.Request.Path.Value ?? "/";
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            if (logger.IsEnabled(LogLevel.Information))
            {
                Log(context, path, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
    }

    private void Log(HttpContext context, string path, double elapsedMs)
    {
        var status = context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted
            ? 499
            : context.Response.StatusCode;
        var client = context.Connection.RemoteIpAddress?.ToString() ?? "-";
        LogRequest(logger, context.Request.Method, path, status, elapsedMs, context.Request.ContentLength ?? 0, client);
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information,
        Message = "{Method} {Path} {StatusCode} {ElapsedMs:0.0} ms {RequestBytes} B from {Client}")]
    private static partial void LogRequest(ILogger logger, string method, string path, int statusCode, double elapsedMs, long requestBytes, string client);
}
