using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Cxr.Testing.Fuzzing;
using Cxr.Web.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Cxr.Web.Tests.Uploads;

/// <summary>
/// Mutation fuzzing through the API: mutated real JPEG/PNG uploads and mutated DICOM files (<see cref="FuzzCorpus.Dicom"/>)
/// (multipart, raw body, batch) and mutated multipart envelopes must each be answered with 200 or a 4xx problem document, never a 5xx, and log no error. Seeded like
/// <c>PredictorFuzzTests</c> (same seed, same corpus); case <c>i</c> is always the same request.
/// </summary>
public sealed class UploadFuzzTests(DefaultApp app, ITestOutputHelper output) : IClassFixture<DefaultApp>
{
    /// <summary>The fixed seed (the predictor fuzz test's).</summary>
    public const int Seed = 20_261_126;

    private static readonly string[] RawContentTypes = ["image/jpeg", "image/png", "application/octet-stream", "image/x-anything"];

    [Fact]
    public Task Five_hundred_fuzzed_uploads_are_each_answered_with_200_or_a_4xx_problem() => RunAsync(500, FuzzCorpus.Load(files: 40, Seed, FuzzCorpus.DefaultAncillaryBytes));

    [Fact]
    public Task Three_hundred_fuzzed_dicom_uploads_are_each_answered_with_200_or_a_4xx_problem() => RunAsync(300, FuzzCorpus.Dicom());

    [Fact]
    [Trait("Category", "Long")]
    public Task Five_thousand_fuzzed_uploads_are_each_answered_with_200_or_a_4xx_problem() => RunAsync(5_000, FuzzCorpus.Load(files: 40, Seed, FuzzCorpus.LongAncillaryBytes));

    [Fact]
    public async Task A_multipart_part_whose_headers_never_end_is_400_not_413()
    {
        // Found by this fuzzer (case #194: a form whose blank line after the part headers was deleted, so the headers ran
        // into the image bytes): it hit the 16 kB header limit and was answered 413 "larger than 20 MB".
        using var client = app.Factory.CreateClient();
        using var content = new StringContent("--abc\r\nContent-Disposition: form-data; name=\"image\"\r\n" + new string('x', 20_000) + "\r\n\r\nimage\r\n--abc--\r\n");
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=abc");
        using var response = await client.PostAsync("/api/v1/predictions", content);
        var problem = await ProblemAssert.AssertProblemAsync(response, HttpStatusCode.BadRequest, "invalid-request");
        Assert.Contains("malformed", ProblemAssert.Detail(problem), StringComparison.Ordinal);
    }

    private async Task RunAsync(int cases, FuzzCorpus corpus)
    {
        var mutator = new ImageMutator(corpus, Seed);
        var factory = app.Factory;
        using var client = factory.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(60);
        var tally = new FuzzTally();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < cases; i++)
        {
            var random = new Random(unchecked((Seed * 31) + i));
            var image = mutator.Create(i);
            var description = new StringBuilder();
            using var request = BuildRequest(random, image, mutator, description);
            tally.Begin(image with { Description = description.ToString() });
            var (outcome, failure) = await SendAsync(client, request);
            tally.End(outcome, failure);
        }

        var errors = factory.Logs.Entries.Where(e => e.Level >= LogLevel.Error).ToList();
        output.WriteLine($"seed {Seed}, {clock.Elapsed.TotalSeconds:F1} s (in-memory test server, tiny test model)");
        output.WriteLine(tally.Summary());
        foreach (var failure in tally.Failures.Take(20))
        {
            output.WriteLine("FAILED " + failure);
        }

        Assert.Equal(cases, tally.Cases);
        Assert.True(tally.Failures.Count == 0, $"{tally.Failures.Count} requests failed; first: {(tally.Failures.Count > 0 ? tally.Failures[0] : "")}");
        Assert.True(errors.Count == 0, $"{errors.Count} error log entries; first: {(errors.Count > 0 ? errors[0].Message + " " + errors[0].Exception : "")}");
    }

    /// <summary>One request for case <paramref name="image"/>: 35 % multipart, 25 % raw body, 15 % batch (with up to two
    /// more mutated images), 25 % a valid multipart request whose whole body is then mutated.</summary>
    private static HttpRequestMessage BuildRequest(Random random, FuzzCase image, ImageMutator mutator, StringBuilder description)
    {
        var query = random.Next(3) switch
        {
            0 => "",
            1 => "?heatmap=true",
            _ => "?heatmap=true&heatmapStyle=layer",
        };
        var roll = random.Next(100);
        HttpContent content;
        var path = "/api/v1/predictions";
        if (roll < 35)
        {
            content = TestUploads.Image(image.Data, "fuzz.jpeg");
            description.Append("multipart ");
        }
        else if (roll < 60)
        {
            var type = RawContentTypes[random.Next(RawContentTypes.Length)];
            content = TestUploads.Raw(image.Data, type);
            description.Append(CultureInfo.InvariantCulture, $"raw {type} ");
        }
        else if (roll < 75)
        {
            var extra = Enumerable.Range(0, random.Next(3)).Select(_ => mutator.Create(random.Next(1_000_000))).ToList();
            content = TestUploads.Form([("images", image.Data, "0.jpeg"), .. extra.Select((e, k) => ("images", e.Data, $"{k + 1}.png"))]);
            path += "/batch";
            description.Append(CultureInfo.InvariantCulture, $"batch of {1 + extra.Count} [{string.Join(" | ", extra.Select(e => e.Description))}] ");
        }
        else
        {
            using var form = TestUploads.Image(image.Data, "fuzz.jpeg");
            var body = form.ReadAsByteArrayAsync().GetAwaiter().GetResult();
            var type = form.Headers.ContentType!.ToString();
            description.Append("envelope ");
            body = ImageMutator.MutateBytes(random, body, description);
            description.Append(' ');
            var raw = new ByteArrayContent(body);
            raw.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
            content = raw;
            if (random.Next(4) == 0)
            {
                path += "/batch";
            }
        }

        description.Append(CultureInfo.InvariantCulture, $"{path}{query} image {image.Description}");
        return new HttpRequestMessage(HttpMethod.Post, path + query) { Content = content };
    }

    /// <summary>The outcome (<c>200</c>, or status and problem slug) and why it is wrong, or null when it is fine.</summary>
    private static async Task<(string Outcome, string? Failure)> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return ("no answer", e.Message);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync();
            JsonElement json;
            try
            {
                json = JsonDocument.Parse(body).RootElement;
            }
            catch (JsonException)
            {
                return (status.ToString(CultureInfo.InvariantCulture), $"body is not JSON: {body[..Math.Min(200, body.Length)]}");
            }

            if (status == 200)
            {
                var sane = json.TryGetProperty("label", out _) ||
                           (json.TryGetProperty("items", out var items) && items.EnumerateArray().All(i => i.GetProperty("status").GetInt32() is 200 or (>= 400 and < 500)));
                return ("200", sane ? null : $"unexpected 200 body: {body[..Math.Min(300, body.Length)]}");
            }

            var slug = json.TryGetProperty("type", out var type) ? type.GetString()?.Replace("https://cxr.dev/problems/", "", StringComparison.Ordinal) : null;
            var outcome = $"{status} {slug}";
            if (status is < 400 or >= 500)
            {
                return (outcome, $"status {status}: {body[..Math.Min(300, body.Length)]}");
            }

            return response.Content.Headers.ContentType?.MediaType == "application/problem+json" && slug is not null &&
                   json.GetProperty("status").GetInt32() == status
                ? (outcome, null)
                : (outcome, $"not a cxr problem document: {body[..Math.Min(300, body.Length)]}");
        }
    }
}
