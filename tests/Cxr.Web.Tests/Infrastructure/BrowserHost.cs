using System.Diagnostics.CodeAnalysis;
using Cxr.Testing;
using Cxr.Testing.Models;
using Cxr.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Cxr.Web.Tests.Infrastructure;

/// <summary>
/// The app on a real Kestrel socket (127.0.0.1, free port) and Debian's Chromium driven by Playwright, headless. The
/// browser is never downloaded: it must be <c>/usr/bin/chromium</c> (scripts/setup.sh installs it).
/// Serves <c>CXR_BROWSER_MODEL</c> when set, else <c>models/cxr-default.onnx</c> when the repository has it (so the
/// committed screenshot shows the real model), else the tiny test model.
/// </summary>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "xUnit disposes the fixture through IAsyncLifetime.DisposeAsync, which disposes _factory.")]
public sealed class BrowserHost : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private CxrWebFactory? _factory;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    public HttpClient Api { get; private set; } = null!;

    public static string ModelPath
    {
        get
        {
            var chosen = Environment.GetEnvironmentVariable("CXR_BROWSER_MODEL");
            if (!string.IsNullOrWhiteSpace(chosen))
            {
                return Path.GetFullPath(chosen);
            }

            var committed = Path.Combine(TestData.RepoRoot, "models", "cxr-default.onnx");
            return File.Exists(committed) ? committed : TinyModel.Path;
        }
    }

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: run scripts/setup.sh browser (installs Debian's chromium).");
        }

        _factory = new CxrWebFactory(new Dictionary<string, string?> { ["Cxr:ModelPath"] = ModelPath });
        _factory.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseUrl = addresses.Addresses.First().TrimEnd('/') + "/";
        Api = new HttpClient { BaseAddress = new Uri(BaseUrl) };

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        Api?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }
}
