using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Cxr.Testing.BadInputs;
using Cxr.Web.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Cxr.Web.Tests.Uploads;

/// <summary>
/// <c>POST /api/v1/predictions</c> (and the batch endpoint) on every item of the bad-input corpus, served with the
/// committed default model and its input guard: the exact status, problem type and detail of
/// <see cref="BadInputExpectations"/> (and <c>inputCheck</c> for guard refusals), never a 500 and never an error in the
/// log.
/// </summary>
public sealed class BadInputCorpusTests(DefaultModelApp app) : IClassFixture<DefaultModelApp>
{
    private readonly HttpClient _client = app.Factory.CreateClient();

    public static TheoryData<string> Ids => BadInputCorpus.Ids;

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task Each_item_gets_its_exact_status_problem_type_and_detail(string id)
    {
        var item = BadInputCorpus.Get(id);
        var expected = BadInputExpectations.For(id);
        using var form = Form("image", item);

        using var response = await _client.PostAsync("/api/v1/predictions", form);

        if (expected.Outcome == BadInputOutcome.Predicted)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            AssertPrediction(item, body);
            Assert.True(body.GetProperty("inputCheck").GetProperty("isChestXray").GetBoolean());
        }
        else
        {
            var problem = await ProblemAssert.AssertProblemAsync(response, (HttpStatusCode)expected.ApiStatus, expected.ProblemSlug!);
            Assert.Equal(expected.ApiDetail, ProblemAssert.Detail(problem));
            if (expected.Outcome == BadInputOutcome.NotChestXray)
            {
                AssertRefusedCheck(expected, problem.GetProperty("inputCheck"));
            }
        }

        AssertNoErrorLogged();
    }

    [Fact]
    public async Task Force_true_answers_each_item_the_guard_refuses_with_a_warning()
    {
        foreach (var expected in BadInputExpectations.All.Where(e => e.Outcome == BadInputOutcome.NotChestXray))
        {
            var item = BadInputCorpus.Get(expected.Id);
            using var form = Form("image", item);

            using var response = await _client.PostAsync("/api/v1/predictions?force=true", form);

            Assert.Equal((expected.Id, HttpStatusCode.OK), (expected.Id, response.StatusCode));
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            AssertPrediction(item, body);
            AssertRefusedCheck(expected, body.GetProperty("inputCheck"));
            Assert.Equal($"Forced past the input guard: {expected.Message} The label is not a finding.", body.GetProperty("warning").GetString());
        }

        AssertNoErrorLogged();
    }

    [Fact]
    public async Task In_one_batch_each_item_gets_the_same_status_and_problem_as_alone()
    {
        // Everything that fits one request (the 60 MB file cannot: its whole request is refused with 413).
        var items = BadInputCorpus.All.Where(i => i.Length < 20_000_000).ToList();
        using var form = new MultipartFormDataContent();
        foreach (var item in items)
        {
            AddFile(form, "images", item);
        }

        using var response = await _client.PostAsync("/api/v1/predictions/batch", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var results = body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(items.Select(i => i.FileName), results.Select(r => r.GetProperty("fileName").GetString()));
        for (var i = 0; i < items.Count; i++)
        {
            var expected = BadInputExpectations.For(items[i].Id);
            var result = results[i];
            Assert.Equal((expected.Id, expected.ApiStatus), (expected.Id, result.GetProperty("status").GetInt32()));
            if (expected.Outcome == BadInputOutcome.Predicted)
            {
                AssertPrediction(items[i], result.GetProperty("result"));
            }
            else
            {
                var error = result.GetProperty("error");
                Assert.Equal((expected.Id, $"https://cxr.dev/problems/{expected.ProblemSlug}"), (expected.Id, error.GetProperty("type").GetString()));
                Assert.Equal((expected.Id, expected.ApiDetail), (expected.Id, error.GetProperty("detail").GetString()));
                if (expected.Outcome == BadInputOutcome.NotChestXray)
                {
                    AssertRefusedCheck(expected, error.GetProperty("inputCheck"));
                }
            }
        }

        AssertNoErrorLogged();
    }

    [Fact]
    public async Task The_60_mb_file_streamed_without_a_length_is_cut_off_at_the_limit_with_413()
    {
        using var stream = BadInputCorpus.Get(BadInputCorpus.SixtyMegabytes).Open();
        var content = new StreamContent(new ForwardOnlyStream(stream));
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/predictions") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await _client.SendAsync(request);

        var problem = await ProblemAssert.AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "request-too-large");
        // This wording only comes from counting the body as it arrives (the declared-length check words it otherwise).
        // How much of the rest the client still sends is the test server's business, not the app's.
        Assert.Equal("The upload is larger than the limit of 20 MB per request.", ProblemAssert.Detail(problem));
        AssertNoErrorLogged();
    }

    private static MultipartFormDataContent Form(string field, BadInput item)
    {
        var form = new MultipartFormDataContent();
        AddFile(form, field, item);
        return form;
    }

    // Streamed, so the 60 MB item never exists as one array (its length is still declared: the stream is seekable).
    private static void AddFile(MultipartFormDataContent form, string field, BadInput item)
    {
        var content = new StreamContent(item.Open());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, field, item.FileName);
    }

    private static void AssertPrediction(BadInput item, JsonElement body)
    {
        Assert.Contains(body.GetProperty("label").GetString(), new[] { "NORMAL", "PNEUMONIA" });
        Assert.InRange(body.GetProperty("probability").GetDouble(), 0, 1);
        var image = body.GetProperty("image");
        var displayed = item.Displayed!;
        Assert.Equal(
            (displayed.Format, displayed.Width, displayed.Height, item.Length),
            (image.GetProperty("format").GetString(), image.GetProperty("width").GetInt32(), image.GetProperty("height").GetInt32(),
             image.GetProperty("bytes").GetInt64()));
        Assert.Equal(item.FileName, body.GetProperty("fileName").GetString());
    }

    private static void AssertRefusedCheck(BadInputExpectation expected, JsonElement check)
    {
        Assert.False(check.GetProperty("isChestXray").GetBoolean(), expected.Id);
        Assert.Equal((expected.Id, expected.Code), (expected.Id, check.GetProperty("reason").GetString()));
        Assert.Equal((expected.Id, expected.Message), (expected.Id, check.GetProperty("message").GetString()));
    }

    private void AssertNoErrorLogged()
    {
        var errors = app.Factory.Logs.Entries.Where(e => e.Level >= LogLevel.Error).Select(e => e.Message).ToList();
        Assert.True(errors.Count == 0, "errors logged: " + string.Join(" | ", errors));
    }
}
