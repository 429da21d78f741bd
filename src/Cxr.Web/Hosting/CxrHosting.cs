using System.Globalization;
using Cxr.Web.Contracts;
using Cxr.Web.Endpoints;
using Cxr.Web.Inference;
using Cxr.Web.Middleware;
using Cxr.Web.OpenApi;
using Cxr.Web.Options;
using Cxr.Web.Problems;
using Cxr.Web.Uploads;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cxr.Web.Hosting;

/// <summary>
/// Wires the cxr web app: <see cref="AddCxrServices"/> on the builder, then <see cref="UseCxrPipeline"/> and
/// <see cref="MapCxrEndpoints"/> on the app. Shared by <c>Program.cs</c> and <c>cxr serve</c>.
/// </summary>
public static class CxrHosting
{
    /// <summary>Request-timeout policy of the API endpoints.</summary>
    public const string ApiTimeoutPolicy = "api";

    /// <summary>Resource-name prefix of the embedded page assets (<c>wwwroot/*</c>).</summary>
    private const string AssetsNamespace = "Cxr.Web.wwwroot";

    /// <summary>Registers options (section <c>Cxr</c>), the model, the inference gate, problem details, rate limiting,
    /// request timeouts, health checks, OpenAPI and logging.</summary>
    public static WebApplicationBuilder AddCxrServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<CxrWebOptions>().Bind(builder.Configuration.GetSection(CxrWebOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CxrWebOptions>, CxrWebOptionsValidator>();

        ConfigureLogging(builder);
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<CxrWebOptions>>((kestrel, options) =>
        {
            kestrel.Limits.MaxRequestBodySize = options.Value.MaxRequestBytes;
            kestrel.AddServerHeader = false;
        });

        services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemWriter.Customize);
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddSingleton<ProblemWriter>();
        // Bad query values (e.g. heatmap=maybe) throw, so the exception handler answers with a specific problem document.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, CxrJsonContext.Default));

        services.AddClientRateLimiting();
        services.AddRequestTimeouts();
        services.AddOptions<RequestTimeoutOptions>().Configure<IOptions<CxrWebOptions>>((timeouts, options) =>
            timeouts.AddPolicy(ApiTimeoutPolicy, new RequestTimeoutPolicy
            {
                Timeout = TimeSpan.FromSeconds(options.Value.RequestTimeoutSeconds),
                TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable,
                WriteTimeoutResponse = async context => await context.RequestServices.GetRequiredService<ProblemWriter>()
                    .WriteAsync(context, ProblemTypes.Timeout, string.Create(CultureInfo.InvariantCulture,
                        $"The request took longer than {options.Value.RequestTimeoutSeconds} s and was stopped."), InferenceGate.RetryAfterSeconds)
                    .ConfigureAwait(false),
            }));

        services.AddSingleton<ModelHost>();
        services.AddSingleton<InferenceGate>();
        services.AddSingleton<PredictionService>();
        services.AddSingleton<UploadReader>();
        services.AddHealthChecks().AddCheck<ModelReadyHealthCheck>("model", tags: [HealthEndpoints.ReadyTag]);

        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer<DocumentInfoTransformer>();
            o.AddOperationTransformer<ImageUploadOperationTransformer>();
        });
        return builder;
    }

    /// <summary>Loads the model (fails fast when it is missing or invalid) and adds the middleware: request log,
    /// security headers, problem details for exceptions and bare status codes, the page's static files, routing, rate
    /// limiting and request timeouts.</summary>
    /// <exception cref="ModelStartupException">The model cannot be loaded.</exception>
    /// <exception cref="OptionsValidationException">A <c>Cxr</c> setting is invalid.</exception>
    public static WebApplication UseCxrPipeline(this WebApplication app)
    {
        _ = app.Services.GetRequiredService<IOptions<CxrWebOptions>>().Value;
        _ = app.Services.GetRequiredService<ModelHost>();

        app.UseMiddleware<RequestLoggingMiddleware>();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();

        var assets = new EmbeddedFileProvider(typeof(CxrHosting).Assembly, AssetsNamespace);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = assets });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = assets,
            OnPrepareResponse = c => c.Context.Response.Headers.CacheControl = "no-cache",
        });

        app.UseRouting();
        app.UseRateLimiter();
        app.UseRequestTimeouts();
        return app;
    }

    /// <summary>Maps the API, the health endpoints, the OpenAPI document (<c>/openapi/v1.json</c>) and its reference page
    /// (<c>/api-reference/</c>).</summary>
    public static WebApplication MapCxrEndpoints(this WebApplication app)
    {
        app.MapOpenApi().WithTags("Documentation");
        app.MapApiReference();
        app.MapPredictionEndpoints();
        app.MapModelEndpoints();
        app.MapHealthEndpoints();
        return app;
    }

    private static void ConfigureLogging(WebApplicationBuilder builder)
    {
        // One entry per request comes from RequestLoggingMiddleware; the framework's own per-request entries are noise.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // A timed-out request is answered 503 `timeout` and logged by RequestLoggingMiddleware; the timeout middleware's
        // own warning would add the cancelled work's stack trace to the log for every timeout.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Http.Timeouts", LogLevel.Error);
        if (string.Equals(builder.Configuration[$"{CxrWebOptions.SectionName}:{nameof(CxrWebOptions.LogFormat)}"], "json", StringComparison.OrdinalIgnoreCase))
        {
            builder.Logging.AddJsonConsole(o => o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ");
        }
        else
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
            });
        }
    }
}
