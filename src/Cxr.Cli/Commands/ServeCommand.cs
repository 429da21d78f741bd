using System.CommandLine;
using Cxr.Cli.Predictions;
using Cxr.Core.Text;
using Cxr.Web.Hosting;
using Cxr.Web.Options;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace Cxr.Cli.Commands;

/// <summary>
/// <c>cxr serve</c>: hosts the web page and the REST API (<see cref="CxrHosting"/>) on Kestrel. Uses ONNX Runtime only;
/// nothing on this path touches TorchSharp.
/// </summary>
public static class ServeCommand
{
    /// <summary>The command's name.</summary>
    public const string Name = "serve";

    /// <summary>Where the service listens by default: loopback only, so nothing is exposed by accident.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public static Command Create()
    {
        var model = new Option<string?>("--model")
        {
            Description = $"ONNX model made by `cxr train` (default: {DefaultModel.RelativePath} here, else in the cxr checkout).",
        };
        var urls = new Option<string>("--urls")
        {
            Description = $"Where to listen, e.g. http://0.0.0.0:5080 to accept other machines; several separated by ';'.",
            DefaultValueFactory = _ => DefaultUrls,
        };
        var command = new Command(Name,
            "Serve the web page and the REST API (/api/v1, OpenAPI at /openapi/v1.json). Further settings as --Cxr:Name=value, " +
            "e.g. --Cxr:MaxRequestBytes=20000000 --Cxr:RateLimit:PermitsPerMinute=600 --Cxr:MaxConcurrentInferences=2.")
        {
            model, urls,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = BuildHost(DefaultModel.Resolve(parse.GetValue(model)), parse.GetValue(urls)!, [.. parse.UnmatchedTokens]);
            AnsiConsole.MarkupLine($"[green]cxr serve[/]: {Markup.Escape(parse.GetValue(urls)!)} · {Markup.Escape(Disclaimer.Notice)} · Ctrl+C stops");
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    /// <summary>
    /// Builds the configured host without starting it: settings, model (loaded and warmed up here, so a missing or
    /// invalid model fails now), middleware and endpoints.
    /// </summary>
    /// <param name="modelPath">The ONNX model file.</param>
    /// <param name="urls">Kestrel URLs, <c>;</c>-separated.</param>
    /// <param name="settings">Extra configuration arguments such as <c>--Cxr:QueueLimit=4</c>.</param>
    /// <exception cref="CliUsageException">A setting is invalid.</exception>
    /// <exception cref="Web.Inference.ModelStartupException">The model is missing or invalid.</exception>
    public static WebApplication BuildHost(string modelPath, string urls, string[] settings)
    {
        var unknown = settings.FirstOrDefault(s => !s.StartsWith("--", StringComparison.Ordinal) || !s.Contains(':', StringComparison.Ordinal));
        if (unknown is not null)
        {
            throw new CliUsageException($"Unrecognized argument '{unknown}'. Settings go as --Cxr:Name=value (e.g. --Cxr:QueueLimit=4).");
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = settings,
            ApplicationName = typeof(CxrHosting).Assembly.GetName().Name,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [$"{CxrWebOptions.SectionName}:{nameof(CxrWebOptions.ModelPath)}"] = Path.GetFullPath(modelPath),
            ["urls"] = urls,
        });
        // Command-line settings win over the --model/--urls defaults.
        builder.Configuration.AddCommandLine(settings);
        builder.AddCxrServices();
        // A failed start (e.g. the port is taken) reaches the user as one error line from CxrApp; the host's own log
        // entry would repeat it with a stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        WebApplication app;
        try
        {
            app = builder.Build();
            app.UseCxrPipeline();
        }
        catch (OptionsValidationException e)
        {
            throw new CliUsageException(string.Join(" ", e.Failures));
        }

        app.MapCxrEndpoints();
        return app;
    }
}
