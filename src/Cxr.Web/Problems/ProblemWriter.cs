using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Cxr.Web.Problems;

/// <summary>Writes a problem document (<c>application/problem+json</c>) through the registered
/// <see cref="IProblemDetailsService"/>, so every error of the app has the same shape.</summary>
internal sealed class ProblemWriter(IProblemDetailsService problemDetails)
{
    /// <summary>Sets the status (and <c>Retry-After</c>) and writes the document; false when the response had already
    /// started.</summary>
    public async ValueTask<bool> WriteAsync(
        HttpContext context, ApiProblem problem, string detail, int? retryAfterSeconds = null, Exception? exception = null,
        IReadOnlyDictionary<string, object?>? extensions = null)
    {
        if (context.Response.HasStarted)
        {
            return false;
        }

        context.Response.StatusCode = problem.Status;
        if (retryAfterSeconds is { } seconds)
        {
            context.Response.Headers[HeaderNames.RetryAfter] = Math.Max(1, seconds).ToString(CultureInfo.InvariantCulture);
        }

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = Create(problem, detail, extensions),
            Exception = exception,
        }).ConfigureAwait(false);
    }

    /// <summary>The problem document for <paramref name="problem"/>; <c>instance</c> and <c>traceId</c> are added when
    /// it is written.</summary>
    public static ProblemDetails Create(ApiProblem problem, string detail, IReadOnlyDictionary<string, object?>? extensions = null)
    {
        var details = new ProblemDetails
        {
            Status = problem.Status,
            Type = problem.Type,
            Title = problem.Title,
            Detail = detail,
        };
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            details.Extensions[key] = value;
        }

        return details;
    }

    /// <summary>Fills in what the framework leaves generic: a cxr <c>type</c> for bare status codes and the
    /// <c>instance</c> path. Used as <see cref="ProblemDetailsOptions.CustomizeProblemDetails"/>.</summary>
    public static void Customize(ProblemDetailsContext context)
    {
        var details = context.ProblemDetails;
        var status = details.Status ?? context.HttpContext.Response.StatusCode;
        if (details.Type is null || !details.Type.StartsWith(ApiProblem.TypeBase, StringComparison.Ordinal))
        {
            var problem = ProblemTypes.ForStatus(status);
            details.Type = problem.Type;
            details.Title = problem.Title;
            details.Detail ??= problem.Status == StatusCodes.Status404NotFound
                ? $"Nothing is served at {context.HttpContext.Request.Path}."
                : null;
        }

        details.Instance ??= context.HttpContext.Request.Path;
    }
}
