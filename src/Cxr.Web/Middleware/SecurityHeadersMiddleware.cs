using Cxr.Web.Endpoints;
using Microsoft.AspNetCore.Http;

namespace Cxr.Web.Middleware;

/// <summary>
/// Adds the security headers to every response (also errors, since they are set when the response starts): a strict
/// Content-Security-Policy (everything from this origin only; <c>data:</c>/<c>blob:</c> images for the heatmaps and
/// the local previews), no MIME sniffing, no referrer, no framing.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    /// <summary>The Content-Security-Policy sent with every response.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; " +
        "frame-ancestors 'none'; form-action 'self'";

    /// <summary>The hash of the one inline <c>&lt;style&gt;</c> element Swagger UI inserts: the colours of its logo
    /// (<c>.logo_small_svg__cls-2{fill:#fff}.logo_small_svg__cls-3{fill:#85ea2d}</c>, swagger-ui 5 in
    /// Swashbuckle.AspNetCore.SwaggerUI 11.0.1). A new version with other logo styles shows up as a CSP violation in
    /// the browser test.</summary>
    public const string SwaggerUiLogoStyleHash = "'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='";

    /// <summary>The policy of the API reference page (<see cref="ApiReferenceEndpoints.Path"/>): the strict one plus
    /// that single style hash. Scripts stay from this origin only; no <c>'unsafe-inline'</c>, no <c>'unsafe-eval'</c>.</summary>
    public const string ApiReferenceContentSecurityPolicy =
        "default-src 'self'; style-src 'self' " + SwaggerUiLogoStyleHash + "; img-src 'self' data: blob:; object-src 'none'; " +
        "base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var response = (HttpResponse)state;
            var headers = response.Headers;
            headers.ContentSecurityPolicy = response.HttpContext.Request.Path.StartsWithSegments(ApiReferenceEndpoints.Path, StringComparison.OrdinalIgnoreCase)
                ? ApiReferenceContentSecurityPolicy
                : ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Cross-Origin-Resource-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()";
            return Task.CompletedTask;
        }, context.Response);
        return next(context);
    }
}
