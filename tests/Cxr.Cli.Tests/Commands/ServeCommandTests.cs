using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cxr.Cli.Commands;
using Cxr.Testing;
using Cxr.Testing.Models;
using Cxr.Testing.Onnx;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Cxr.Cli.Tests.Commands;

/// <summary><c>cxr serve</c>: fails fast on a bad model or setting, serves the page and API, never loads TorchSharp.</summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class ServeCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string SyntheticModel()
    {
        var path = _folder.Path("synthetic.onnx");
        File.WriteAllBytes(path, SyntheticOnnxModel.Create(size: 64, grid: 8));
        return path;
    }

    [Fact]
    public async Task A_missing_model_fails_at_once_with_one_line_naming_the_file()
    {
        var missing = _folder.Path("nothing.onnx");
        var run = await CliRun.RunAsync("serve", "--model", missing);
        Assert.Equal(CxrApp.ExitUserError, run.ExitCode);
        var text = Regex.Replace(run.Error, "\\s+", " ");
        Assert.Contains("error:", text, StringComparison.Ordinal);
        Assert.Contains(missing, text, StringComparison.Ordinal);
        Assert.Contains("does not exist", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Out + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_a_model_fails_with_the_reason()
    {
        var bogus = _folder.Add("bogus.onnx");
        var run = await CliRun.RunAsync("serve", "--model", bogus);
        Assert.Equal(CxrApp.ExitUserError, run.ExitCode);
        Assert.Contains("cannot be used", Regex.Replace(run.Error, "\\s+", " "), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_setting_fails_naming_the_setting()
    {
        var run = await CliRun.RunAsync("serve", "--model", SyntheticModel(), "--Cxr:QueueLimit=-1");
        Assert.Equal(CxrApp.ExitUserError, run.ExitCode);
        Assert.Contains("Cxr:QueueLimit", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stray_argument_is_refused()
    {
        var run = await CliRun.RunAsync("serve", "--model", SyntheticModel(), "extra");
        Assert.Equal(CxrApp.ExitUserError, run.ExitCode);
        Assert.Contains("'extra'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_serve_host_built_in_process_answers_and_loads_no_TorchSharp_assembly()
    {
        var loadedDuringTest = new List<string>();
        void OnLoad(object? sender, AssemblyLoadEventArgs e) => loadedDuringTest.Add(e.LoadedAssembly.GetName().Name ?? "");
        var torchBefore = TorchSharpLoaded();
        AppDomain.CurrentDomain.AssemblyLoad += OnLoad;
        try
        {
            await using var app = ServeCommand.BuildHost(SyntheticModel(), "http://127.0.0.1:0", ["--Cxr:RateLimit:PermitsPerMinute=0"]);
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var client = new HttpClient { BaseAddress = new Uri(address) };
            var body = await PredictAsync(client);
            Assert.Equal("synthetic-brightness", body.GetProperty("model").GetProperty("name").GetString());
            await app.StopAsync();
        }
        finally
        {
            AppDomain.CurrentDomain.AssemblyLoad -= OnLoad;
        }

        Assert.DoesNotContain(loadedDuringTest, n => n.StartsWith("TorchSharp", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(loadedDuringTest, n => n == "Cxr.Web" || n == "Microsoft.ML.OnnxRuntime");
        if (!torchBefore)
        {
            Assert.False(TorchSharpLoaded(), "TorchSharp was loaded while serving");
        }
    }

    [Fact]
    public async Task The_real_cxr_serve_process_serves_the_page_and_api_and_maps_no_torch_library()
    {
        var cxr = Path.Combine(AppContext.BaseDirectory, "cxr.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { cxr, "serve", "--model", SyntheticModel(), "--urls", "http://127.0.0.1:0" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _folder.Root,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        try
        {
            var address = await WaitForAddressAsync(process, TimeSpan.FromSeconds(60));
            using var client = new HttpClient { BaseAddress = new Uri(address) };
            var page = await client.GetStringAsync("/");
            Assert.Contains("not a medical device", page, StringComparison.Ordinal);
            using (var ready = await client.GetAsync("/health/ready"))
            {
                Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            }

            await PredictAsync(client);

            var maps = await File.ReadAllTextAsync($"/proc/{process.Id}/maps");
            Assert.Contains("Cxr.Web.dll", maps, StringComparison.Ordinal);
            Assert.Contains("libonnxruntime", maps, StringComparison.Ordinal);
            Assert.DoesNotContain("TorchSharp", maps, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("libtorch", maps, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }

            await process.WaitForExitAsync();
        }
    }

    public void Dispose() => _folder.Dispose();

    private static bool TorchSharpLoaded() =>
        AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name?.StartsWith("TorchSharp", StringComparison.OrdinalIgnoreCase) == true);

    private static async Task<JsonElement> PredictAsync(HttpClient client)
    {
        var image = await File.ReadAllBytesAsync(TestData.FirstValidationFilm("NORMAL"));
        using var content = new ByteArrayContent(image);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        using var response = await client.PostAsync("/api/v1/predictions?heatmap=true", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(body.GetProperty("label").GetString(), new[] { "NORMAL", "PNEUMONIA" });
        Assert.True(body.TryGetProperty("heatmapPng", out _));
        return body;
    }

    private static async Task<string> WaitForAddressAsync(Process process, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var output = new System.Text.StringBuilder();
        while (!cancel.IsCancellationRequested)
        {
            var line = await process.StandardOutput.ReadLineAsync(cancel.Token);
            if (line is null)
            {
                break;
            }

            output.AppendLine(line);
            var match = ListeningOn().Match(line);
            if (match.Success)
            {
                // Keep draining stdout so the child never blocks on a full pipe.
                _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
                _ = process.StandardError.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
                return match.Groups[1].Value;
            }
        }

        throw new InvalidOperationException($"cxr serve did not report its address: {output}{await process.StandardError.ReadToEndAsync()}");
    }

    [GeneratedRegex("Now listening on: (http://127\\.0\\.0\\.1:\\d+)")]
    private static partial Regex ListeningOn();
}
