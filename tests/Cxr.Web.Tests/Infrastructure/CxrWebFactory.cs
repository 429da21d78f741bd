using Cxr.Testing;
using Cxr.Testing.Models;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace Cxr.Web.Tests.Infrastructure;

/// <summary>
/// The real app (Program.cs) on the tiny test model (unless the settings name another), in the Production environment,
/// with per-test settings on top. Rate limiting is off unless a test sets it. Every log entry is kept in <see cref="Logs"/>.
/// </summary>
public sealed class CxrWebFactory(IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    public LogSink Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        if (settings?.ContainsKey("Cxr:ModelPath") != true)
        {
            // Only when needed: the tiny model is trained on first use.
            builder.UseSetting("Cxr:ModelPath", TinyModel.Path);
        }

        builder.UseSetting("Cxr:RateLimit:PermitsPerMinute", "0");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }
}
