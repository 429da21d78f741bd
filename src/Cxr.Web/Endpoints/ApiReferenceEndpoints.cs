using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Cxr.Web.Endpoints;

/// <summary>
/// The API reference page: Swagger UI (Swashbuckle.AspNetCore.SwaggerUI, its files embedded in that assembly, so
/// nothing is fetched from another origin) over <c>/openapi/v1.json</c>, at <c>/api-reference/</c>. The former
/// <c>/api-reference.html</c> redirects there so old links keep working.
/// </summary>
public static class ApiReferenceEndpoints
{
    /// <summary>Where the page lives; <see cref="Middleware.SecurityHeadersMiddleware"/> gives this path its own CSP.</summary>
    public const string Path = "/api-reference";

    /// <summary>Maps the page and the redirect from the old URL.</summary>
    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder app)
    {
        // Relative to the page (index.html), so the reference also works when the app is hosted under a path base.
        app.MapSwaggerUI(Path.TrimStart('/'), o =>
        {
            o.SwaggerEndpoint("../openapi/v1.json", "v1");
            o.DocumentTitle = "cxr API reference";
        });
        app.MapGet("/api-reference.html", () => Results.Redirect("api-reference/index.html", permanent: true)).ExcludeFromDescription();
        return app;
    }
}
