using System.Net;
using System.Text;
using Cxr.Web.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Cxr.Web.Tests.Middleware;

public sealed class PrivacyAndLoggingTests
{
    [Fact]
    public async Task Each_request_is_logged_once_with_status_and_latency_but_never_with_the_upload()
    {
        using var factory = new CxrWebFactory();
        using var client = factory.CreateClient();
        const string marker = "PATIENT-NAME-DOE-JANE-1234";
        var secret = Encoding.ASCII.GetBytes($"{marker} this is not an image");
        using (var response = await client.PostAsync("/api/v1/predictions?heatmap=true", TestUploads.Image(secret, $"{marker}.txt")))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        }

        using (var response = await client.PostAsync("/api/v1/predictions", TestUploads.Image(TestUploads.Normal)))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var entries = factory.Logs.Entries;
        Assert.DoesNotContain(entries, e => e.Message.Contains(marker, StringComparison.Ordinal) ||
                                            e.Properties.Values.Any(v => v?.ToString()?.Contains(marker, StringComparison.Ordinal) == true));
        var requests = entries.Where(e => e.Category.EndsWith("RequestLoggingMiddleware", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, requests.Count);
        Assert.All(requests, e =>
        {
            Assert.Equal(LogLevel.Information, e.Level);
            Assert.Equal("POST", e.Properties["Method"]);
            Assert.Equal("/api/v1/predictions", e.Properties["Path"]);
            Assert.IsType<double>(e.Properties["ElapsedMs"]);
        });
        Assert.Equal(new object?[] { 415, 200 }, requests.Select(e => e.Properties["StatusCode"]));
        Assert.DoesNotContain(entries, e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task Uploads_are_never_spooled_to_disk()
    {
        using var factory = new CxrWebFactory();
        using var client = factory.CreateClient();
        var temp = Path.GetTempPath();
        var before = Directory.GetFiles(temp, "ASPNETCORE_*").ToHashSet(StringComparer.Ordinal);
        // A large upload (3 MB of padding in another field plus the image): ReadFormAsync would spool it to a temp file.
        using var form = TestUploads.Form(("padding", new byte[3_000_000], "pad.bin"), ("image", TestUploads.Normal, "x.jpeg"));
        using var response = await client.PostAsync("/api/v1/predictions", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = Directory.GetFiles(temp, "ASPNETCORE_*");
        Assert.All(after, f => Assert.Contains(f, before));
    }
}
