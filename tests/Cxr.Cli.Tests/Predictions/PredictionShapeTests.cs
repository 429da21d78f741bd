using System.Net.Http.Json;
using System.Text.Json;
using Cxr.Cli.Commands;
using Cxr.Cli.Predictions;
using Cxr.Cli.Tests.Commands;
using Cxr.Inference.Reporting;
using Cxr.Testing;
using Cxr.Testing.NonRadiographs;
using Cxr.Web.Contracts;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Cxr.Cli.Tests.Predictions;

/// <summary>One prediction, one shape: <c>cxr predict --format json</c> and <c>POST /api/v1/predictions</c> report the
/// same image with the same model through the same <see cref="PredictionReport"/>, so every field they share is equal
/// (issue 11: the command line had re-implemented the API's input check, rounding and warning).</summary>
[Collection(ConsoleCollection.Name)]
public sealed class PredictionShapeTests : IDisposable
{
    private static readonly string Model = Path.Combine(TestData.RepoRoot, "models", "cxr-default.onnx");
    private readonly TempFolder _folder = new();

    [Fact]
    public void Both_documents_are_the_shared_report()
    {
        Assert.True(typeof(PredictionReport).IsAssignableFrom(typeof(FilePrediction)));
        Assert.True(typeof(PredictionReport).IsAssignableFrom(typeof(PredictionResponse)));
        Assert.True(typeof(ModelReference).IsAssignableFrom(typeof(PredictionsModel)));
    }

    [Fact]
    public async Task The_command_lines_json_and_the_apis_json_agree_on_every_shared_field()
    {
        // A film the guard accepts, and a colour photo it refuses, forced: the second carries the refusal and the warning.
        var film = Path.Combine(TestData.DataRoot, "val", "PNEUMONIA", "person1946_bacteria_4874.jpeg");
        var photo = _folder.Path("photo.jpg");
        await File.WriteAllBytesAsync(photo, NonRadiographGenerator.Create(NonRadiographKind.ColorPhoto, 0).Bytes);
        var run = await CliRun.RunAsync("predict", film, photo, "--model", Model, "--format", "json", "--force");
        Assert.Equal(0, run.ExitCode);
        using var cli = JsonDocument.Parse(run.Out);
        var rows = cli.RootElement.GetProperty("results").EnumerateArray().ToList();

        await using var app = ServeCommand.BuildHost(Model, "http://127.0.0.1:0", ["--Cxr:RateLimit:PermitsPerMinute=0"]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        var shared = JsonNames(typeof(PredictionReport));
        Assert.Superset(new HashSet<string> { "label", "probability", "threshold", "inputCheck", "warning" }, shared.ToHashSet());
        string[] files = [film, photo];
        for (var i = 0; i < files.Length; i++)
        {
            using var form = new MultipartFormDataContent { { new ByteArrayContent(await File.ReadAllBytesAsync(files[i])), "image", Path.GetFileName(files[i]) } };
            using var response = await client.PostAsync("/api/v1/predictions?force=true", form);
            response.EnsureSuccessStatusCode();
            var api = await response.Content.ReadFromJsonAsync<JsonElement>();
            foreach (var name in shared)
            {
                var inCli = rows[i].TryGetProperty(name, out var fromCli);
                var inApi = api.TryGetProperty(name, out var fromApi);
                Assert.True(inCli == inApi, $"{files[i]}: \"{name}\" is in {(inCli ? "the command line's JSON only" : "the API's JSON only")}");
                Assert.True(!inCli || JsonElement.DeepEquals(fromCli, fromApi), $"{files[i]}: \"{name}\" is {fromCli} from the command line, {fromApi} from the API");
            }

            foreach (var name in JsonNames(typeof(ModelReference)))
            {
                Assert.Equal(api.GetProperty("model").GetProperty(name).GetString(), cli.RootElement.GetProperty("model").GetProperty(name).GetString());
            }
        }

        Assert.False(rows[0].TryGetProperty("warning", out _));
        Assert.StartsWith("Forced past the input guard: The image is in colour", rows[1].GetProperty("warning").GetString(), StringComparison.Ordinal);
        await app.StopAsync();
    }

    public void Dispose() => _folder.Dispose();

    // The JSON names of a type's serialized properties, with the Web naming both surfaces use.
    private static List<string> JsonNames(Type type) =>
        JsonSerializerOptions.Web.GetTypeInfo(type).Properties.Select(p => p.Name).ToList();
}
