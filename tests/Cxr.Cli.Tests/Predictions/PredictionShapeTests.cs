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
        var (rows, card) = await AssertAgreeAsync(Model, [film, photo]);

        Assert.False(rows[0].TryGetProperty("warning", out _));
        Assert.StartsWith("Forced past the input guard: The image is in colour", rows[1].GetProperty("warning").GetString(), StringComparison.Ordinal);
        Assert.All(rows, r => Assert.False(r.TryGetProperty("memberSpread", out _), "a single model reports no member spread"));
        Assert.False(card.TryGetProperty("ensembleMembers", out _));
    }

    [Fact]
    public async Task The_command_lines_json_and_the_apis_json_agree_on_an_ensembles_member_spread()
    {
        var model = Path.Combine((await TrainedEnsemble.Value).Output, "model.onnx");
        var film = Path.Combine(TestData.DataRoot, "val", "PNEUMONIA", "person1946_bacteria_4874.jpeg");

        var (rows, card) = await AssertAgreeAsync(model, [film]);

        Assert.InRange(rows[0].GetProperty("memberSpread").GetDouble(), 0, 0.5);
        Assert.Equal(TrainedEnsemble.Members, card.GetProperty("ensembleMembers").GetInt32());
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>Equal JSON, except that numbers may differ by float32 rounding (1e-6, relative above 1): the command line
    /// runs its files through ONNX Runtime as one batch and the API one at a time, and a batch of another size may
    /// sum a convolution in another order.</summary>
    private static bool Agree(JsonElement a, JsonElement b) => (a.ValueKind, b.ValueKind) switch
    {
        (JsonValueKind.Number, JsonValueKind.Number) => Math.Abs(a.GetDouble() - b.GetDouble()) <= 1e-6 * Math.Max(1, Math.Abs(a.GetDouble())),
        (JsonValueKind.Object, JsonValueKind.Object) =>
            a.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).SequenceEqual(b.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal))
            && a.EnumerateObject().All(p => Agree(p.Value, b.GetProperty(p.Name))),
        (JsonValueKind.Array, JsonValueKind.Array) =>
            a.GetArrayLength() == b.GetArrayLength() && a.EnumerateArray().Zip(b.EnumerateArray()).All(pair => Agree(pair.First, pair.Second)),
        _ => JsonElement.DeepEquals(a, b),
    };

    /// <summary>Predicts <paramref name="files"/> (forced) with the command line and the API; every field of the shared
    /// report is in both documents or in neither, with equal values. Returns the command line's rows and the API's model
    /// card.</summary>
    private static async Task<(List<JsonElement> Rows, JsonElement Card)> AssertAgreeAsync(string model, string[] files)
    {
        var run = await CliRun.RunAsync(["predict", .. files, "--model", model, "--format", "json", "--force"]);
        Assert.Equal(0, run.ExitCode);
        using var cli = JsonDocument.Parse(run.Out);
        var rows = cli.RootElement.GetProperty("results").EnumerateArray().Select(r => r.Clone()).ToList();

        await using var app = ServeCommand.BuildHost(model, "http://127.0.0.1:0", ["--Cxr:RateLimit:PermitsPerMinute=0"]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        var shared = JsonNames(typeof(PredictionReport));
        Assert.Superset(new HashSet<string> { "label", "probability", "threshold", "inputCheck", "warning" }, shared.ToHashSet());
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
                Assert.True(!inCli || Agree(fromCli, fromApi), $"{files[i]}: \"{name}\" is {fromCli} from the command line, {fromApi} from the API");
            }

            foreach (var name in JsonNames(typeof(ModelReference)))
            {
                Assert.Equal(api.GetProperty("model").GetProperty(name).GetString(), cli.RootElement.GetProperty("model").GetProperty(name).GetString());
            }
        }

        var card = await client.GetFromJsonAsync<JsonElement>("/api/v1/model");
        await app.StopAsync();
        return (rows, card);
    }

    // The JSON names of a type's serialized properties, with the Web naming both surfaces use.
    private static List<string> JsonNames(Type type) =>
        JsonSerializerOptions.Web.GetTypeInfo(type).Properties.Select(p => p.Name).ToList();
}
