using System.Net;
using System.Text.RegularExpressions;
using Cxr.Core.Text;
using Cxr.Web.Middleware;
using Cxr.Web.Tests.Infrastructure;

namespace Cxr.Web.Tests.wwwroot;

public sealed partial class StaticPageTests(DefaultApp app) : IClassFixture<DefaultApp>
{
    // The API reference page (Swagger UI) with every file it loads: served from this app too, and checked the same way.
    private static readonly string[] Assets =
    [
        "/", "/index.html", "/app.css", "/app.js", "/favicon.svg",
        "/api-reference/index.html", "/api-reference/index.js", "/api-reference/index.css", "/api-reference/swagger-ui.css",
        "/api-reference/swagger-ui-bundle.js", "/api-reference/swagger-ui-standalone-preset.js",
    ];

    private readonly HttpClient _client = app.Factory.CreateClient();

    [Theory]
    [InlineData("/", "text/html")]
    [InlineData("/app.css", "text/css")]
    [InlineData("/app.js", "text/javascript")]
    [InlineData("/api-reference.html", "text/html")]
    [InlineData("/api-reference/", "text/html")]
    [InlineData("/api-reference/index.js", "application/javascript")]
    [InlineData("/api-reference/swagger-ui-bundle.js", "text/javascript")]
    [InlineData("/api-reference/swagger-ui.css", "text/css")]
    [InlineData("/favicon.svg", "image/svg+xml")]
    public async Task Page_assets_are_served_from_the_app_itself(string path, string mediaType)
    {
        using var response = await _client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_page_shows_the_research_use_disclaimer_and_the_upload_controls()
    {
        var html = await _client.GetStringAsync("/");
        Assert.Contains("Research and education use only", html, StringComparison.Ordinal);
        Assert.Contains("not a medical device", html, StringComparison.Ordinal);
        Assert.Matches("<input[^>]+type=\"file\"[^>]+multiple", html);
        Assert.Contains("Show heatmap", html, StringComparison.Ordinal);
        Assert.Contains("type=\"range\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"viewport\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pages_copies_of_the_disclaimer_are_the_one_wording()
    {
        // Static HTML cannot use the constants, so it carries copies; this keeps them the same.
        var html = await _client.GetStringAsync("/");
        Assert.Contains($"<title>cxr · chest X-ray classifier ({Disclaimer.Notice})</title>", html, StringComparison.Ordinal);
        Assert.Contains($"<strong>{Disclaimer.Statement}</strong>", html, StringComparison.Ordinal);
        Assert.Contains($"<p class=\"research-note\">{Disclaimer.Statement}</p>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_asset_loads_anything_from_another_origin()
    {
        foreach (var path in Assets)
        {
            var text = await _client.GetStringAsync(path);
            Assert.DoesNotMatch(ExternalReference(), text);
            Assert.DoesNotContain("@import", text, StringComparison.Ordinal);
            Assert.DoesNotContain("@font-face", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_page_needs_no_inline_script_or_style_so_the_strict_csp_holds()
    {
        foreach (var path in new[] { "/", "/api-reference/index.html" })
        {
            var html = await _client.GetStringAsync(path);
            Assert.DoesNotMatch("<script(?![^>]*\\ssrc=)[^>]*>", html);
            Assert.DoesNotContain("<style", html, StringComparison.Ordinal);
            Assert.DoesNotMatch("\\sstyle=\"", html);
            Assert.DoesNotMatch("\\son[a-z]+=\"", html);
        }
    }

    [Fact]
    public async Task The_old_api_reference_url_leads_to_the_swagger_ui_page()
    {
        using var response = await _client.GetAsync("/api-reference.html");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/api-reference/index.html", response.RequestMessage?.RequestUri?.AbsolutePath);
        Assert.Contains("id=\"swagger-ui\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("href=\"api-reference/\"", await _client.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_api_reference_page_allows_one_more_style_and_by_hash_only()
    {
        using var page = await _client.GetAsync("/");
        using var reference = await _client.GetAsync("/api-reference/index.html");
        Assert.Equal(SecurityHeadersMiddleware.ContentSecurityPolicy, Assert.Single(page.Headers.GetValues("Content-Security-Policy")));
        var csp = Assert.Single(reference.Headers.GetValues("Content-Security-Policy"));
        Assert.Equal(SecurityHeadersMiddleware.ApiReferenceContentSecurityPolicy, csp);
        Assert.Contains("style-src 'self' 'sha256-", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", csp, StringComparison.Ordinal);
        Assert.Equal(SecurityHeadersMiddleware.ContentSecurityPolicy, csp.Replace(" style-src 'self' " + SecurityHeadersMiddleware.SwaggerUiLogoStyleHash + ";", "", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/app.js")]
    [InlineData("/api-reference/index.html")]
    [InlineData("/api/v1/model")]
    [InlineData("/health/live")]
    [InlineData("/does-not-exist")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        using var response = await _client.GetAsync(path);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.StartsWith("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task Security_headers_are_also_on_error_responses_from_the_exception_handler()
    {
        using var response = await _client.PostAsync("/api/v1/predictions", TestUploads.Raw(TestUploads.TruncatedJpeg, "image/jpeg"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.StartsWith("default-src 'self'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    // src="http..., href="//..., url(https://...): anything that would make the browser fetch from another origin.
    [GeneratedRegex("(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//|url\\(\\s*[\"']?(https?:)?//|fetch\\(\\s*[\"'`](https?:)?//", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
