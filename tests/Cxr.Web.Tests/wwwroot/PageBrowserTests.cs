using System.Net.Http.Json;
using System.Text.Json;
using Cxr.Core.Text;
using Cxr.Testing;
using Cxr.Testing.Dicom;
using Cxr.Testing.Models;
using Cxr.Testing.NonRadiographs;
using Microsoft.Playwright;

namespace Cxr.Web.Tests.wwwroot;

/// <summary>End to end: a real browser on the real page, uploading real shared X-rays.</summary>
[Trait("Category", "Browser")]
public sealed class PageBrowserTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    private static readonly string[] Labels = ["NORMAL", "PNEUMONIA"];

    /// <summary>Where the screenshot test artifact goes (next to the test binaries).</summary>
    public static string ArtifactDirectory => Path.Combine(AppContext.BaseDirectory, "artifacts");

    [Fact]
    public async Task Uploading_a_normal_and_a_pneumonia_xray_shows_labels_probabilities_and_heatmaps()
    {
        await using var context = await host.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 900 } });
        var page = await context.NewPageAsync();
        var problems = WatchConsole(page);
        await page.GotoAsync(host.BaseUrl);
        await Assertions.Expect(page.Locator("#model-line")).ToContainTextAsync("threshold");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Research and education use only" })).ToBeVisibleAsync();

        string[] files = [TinyModel.NormalImage, TinyModel.PneumoniaImage];
        await page.SetInputFilesAsync("#file-input", files);

        var cards = page.Locator("#results > li");
        await Assertions.Expect(cards).ToHaveCountAsync(2);
        for (var i = 0; i < files.Length; i++)
        {
            var card = cards.Nth(i);
            var label = card.Locator(".result-label");
            await Assertions.Expect(label).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(NORMAL|PNEUMONIA)$"), new() { Timeout = 30_000 });
            var expected = await PredictAsync(files[i]);
            Assert.Equal(expected.GetProperty("label").GetString(), await label.TextContentAsync());
            Assert.Contains(await label.TextContentAsync(), Labels);
            var percent = $"{expected.GetProperty("probability").GetDouble() * 100:0.0}%";
            await Assertions.Expect(card.Locator(".probability-value")).ToHaveTextAsync(percent);
            await Assertions.Expect(card.Locator(".decision")).ToContainTextAsync("threshold");
            await Assertions.Expect(card.Locator(".model-info")).ToContainTextAsync(expected.GetProperty("model").GetProperty("name").GetString()!);
            await Assertions.Expect(card.Locator(".research-note")).ToBeVisibleAsync();

            var heatmap = card.Locator("img.heatmap");
            await Assertions.Expect(heatmap).ToBeVisibleAsync();
            await page.WaitForFunctionAsync("img => img.complete && img.naturalWidth > 0", await heatmap.ElementHandleAsync());
            Assert.True(await heatmap.EvaluateAsync<int>("img => img.naturalWidth") > 0, "heatmap image did not load");
            Assert.True(await card.Locator("img.preview").EvaluateAsync<int>("img => img.naturalWidth") > 0, "preview did not load");
        }

        Directory.CreateDirectory(ArtifactDirectory);
        var screenshot = Path.Combine(ArtifactDirectory, "screenshot.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        Assert.True(new FileInfo(screenshot).Length > 10_000);
        if (Environment.GetEnvironmentVariable("CXR_UPDATE_SCREENSHOT") == "1")
        {
            File.Copy(screenshot, Path.Combine(TestData.RepoRoot, "docs", "screenshot.png"), overwrite: true);
        }

        Assert.Empty(problems);
    }

    [Fact]
    public async Task The_heatmap_toggle_and_opacity_slider_work_from_the_keyboard()
    {
        await using var context = await host.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(host.BaseUrl);
        await Assertions.Expect(page.Locator("#model-line")).ToContainTextAsync("threshold", new() { Timeout = 30_000 });

        // Tab to the "Choose images…" button; Enter opens the file picker.
        for (var i = 0; i < 6 && await page.EvaluateAsync<string>("document.activeElement?.id ?? ''") != "choose-button"; i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Equal("choose-button", await page.EvaluateAsync<string>("document.activeElement?.id ?? ''"));
        // Enter must reach the (visually hidden) file input as a click. The native chooser itself is not awaited: headless
        // Chromium intermittently withholds it while other tests load the machine, so the click is observed instead.
        await page.EvaluateAsync(
            "() => { window.cxrPickerOpened = false; document.getElementById('file-input').addEventListener('click', e => { window.cxrPickerOpened = true; e.preventDefault(); }, { once: true }); }");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync("() => window.cxrPickerOpened === true", null, new() { Timeout = 10_000 });
        Assert.True(await page.Locator("#file-input").EvaluateAsync<bool>("input => input.multiple"));
        await page.SetInputFilesAsync("#file-input", TinyModel.NormalImage);

        var card = page.Locator("#results > li").First;
        await Assertions.Expect(card.Locator(".result-label")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(NORMAL|PNEUMONIA)$"), new() { Timeout = 30_000 });
        var heatmap = card.Locator("img.heatmap");
        await Assertions.Expect(heatmap).ToBeVisibleAsync();

        var slider = card.Locator("input.heatmap-opacity");
        await slider.FocusAsync();
        var before = await heatmap.EvaluateAsync<string>("img => img.style.opacity");
        await page.Keyboard.PressAsync("ArrowLeft");
        var after = await heatmap.EvaluateAsync<string>("img => img.style.opacity");
        Assert.NotEqual(before, after);
        await Assertions.Expect(card.Locator(".opacity-value")).ToHaveTextAsync("40%");

        var toggle = card.Locator("input.heatmap-toggle");
        await toggle.FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(heatmap).ToBeHiddenAsync();
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(heatmap).ToBeVisibleAsync();
    }

    [DcmtkFact]
    public async Task A_dicom_upload_offers_the_dicom_download_and_a_jpeg_does_not()
    {
        var folder = Directory.CreateTempSubdirectory("cxr-page-dicom-").FullName;
        try
        {
            var film = DicomFilm.Make(folder);
            await using var context = await host.Browser.NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = true });
            var page = await context.NewPageAsync();
            var problems = WatchConsole(page);
            await page.GotoAsync(host.BaseUrl);
            await Assertions.Expect(page.Locator("#model-line")).ToContainTextAsync("threshold", new() { Timeout = 30_000 });
            await page.SetInputFilesAsync("#file-input", new[] { film, TinyModel.NormalImage });

            var cards = page.Locator("#results > li");
            await Assertions.Expect(cards.Nth(0).Locator(".result-label")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(NORMAL|PNEUMONIA)$"), new() { Timeout = 30_000 });
            await Assertions.Expect(cards.Nth(1).Locator(".result-label")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(NORMAL|PNEUMONIA)$"), new() { Timeout = 30_000 });
            var button = cards.Nth(0).Locator(".dicom-button");
            await Assertions.Expect(button).ToBeVisibleAsync();
            await Assertions.Expect(button).ToHaveTextAsync("Download DICOM (SC + SR)");
            await Assertions.Expect(cards.Nth(1).Locator(".dicom-button")).ToBeHiddenAsync();

            var download = await page.RunAndWaitForDownloadAsync(() => button.ClickAsync());
            Assert.Equal("film.dicom.zip", download.SuggestedFilename);
            var saved = Path.Combine(folder, "saved.zip");
            await download.SaveAsAsync(saved);
            using (var zip = System.IO.Compression.ZipFile.OpenRead(saved))
            {
                Assert.Equal(["film.sc.dcm", "film.sr.dcm"], zip.Entries.Select(e => e.FullName));
            }

            Assert.Empty(problems);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_gets_a_specific_inline_error()
    {
        await using var context = await host.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(host.BaseUrl);
        await page.SetInputFilesAsync("#file-input", new FilePayload
        {
            Name = "report.pdf",
            MimeType = "application/pdf",
            Buffer = "%PDF-1.7\n1 0 obj << >> endobj\n"u8.ToArray(),
        });
        var error = page.Locator("#results > li .error");
        await Assertions.Expect(error).ToBeVisibleAsync();
        await Assertions.Expect(error).ToContainTextAsync("PDF");
        await Assertions.Expect(error).ToHaveAttributeAsync("role", "alert");
    }

    [Fact]
    public async Task A_colour_photo_is_refused_with_the_reason_and_can_be_analysed_anyway_with_a_warning()
    {
        await using var context = await host.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(host.BaseUrl);
        await page.SetInputFilesAsync("#file-input", new FilePayload
        {
            Name = "holiday.jpg",
            MimeType = "image/jpeg",
            Buffer = NonRadiographGenerator.Create(NonRadiographKind.ColorPhoto, 0).Bytes,
        });

        var card = page.Locator("#results > li");
        await Assertions.Expect(card.Locator(".error")).ToContainTextAsync("This does not look like a frontal chest X-ray");
        await Assertions.Expect(card.Locator(".error")).ToContainTextAsync("The image is in colour");
        await Assertions.Expect(card.Locator(".outcome")).ToBeHiddenAsync();
        Directory.CreateDirectory(ArtifactDirectory);
        var screenshot = Path.Combine(ArtifactDirectory, "refusal.png");
        await card.ScreenshotAsync(new LocatorScreenshotOptions { Path = screenshot });
        Assert.True(new FileInfo(screenshot).Length > 0);

        await card.GetByRole(AriaRole.Button, new() { Name = "Analyse anyway" }).ClickAsync();
        await Assertions.Expect(card.Locator(".warning")).ToContainTextAsync("Forced past the input guard");
        await Assertions.Expect(card.Locator(".result-label")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(NORMAL|PNEUMONIA)$"));
        await Assertions.Expect(card.Locator(".error")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task On_a_phone_sized_screen_nothing_scrolls_sideways()
    {
        await using var context = await host.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 375, Height = 740 },
            DeviceScaleFactor = 2,
            IsMobile = true,
            HasTouch = true,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(host.BaseUrl);
        await page.SetInputFilesAsync("#file-input", TinyModel.PneumoniaImage);
        await Assertions.Expect(page.Locator(".result-label")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(NORMAL|PNEUMONIA)$"), new() { Timeout = 30_000 });
        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the page is {overflow} px wider than the screen");
        await Assertions.Expect(page.Locator(".disclaimer")).ToBeInViewportAsync();
    }

    [Fact]
    public async Task The_page_writes_sizes_as_the_api_does()
    {
        await using var context = await host.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(host.BaseUrl);
        var limits = await host.Api.GetFromJsonAsync<JsonElement>("api/v1/limits");
        var limit = limits.GetProperty("maxRequestBytes").GetInt64();
        await Assertions.Expect(page.Locator("#limits-hint")).ToHaveTextAsync($"JPEG, PNG, BMP, GIF, WebP or DICOM · up to {ByteSize.Format(limit)} per image.");

        await page.SetInputFilesAsync("#file-input", TinyModel.NormalImage);
        await Assertions.Expect(page.Locator(".file-size")).ToHaveTextAsync(ByteSize.Format(new FileInfo(TinyModel.NormalImage).Length));
    }

    [Fact]
    public async Task The_api_reference_page_renders_the_openapi_document_offline_under_its_csp()
    {
        await using var context = await host.Browser.NewContextAsync();
        // Nothing may leave this server: every other request is aborted and recorded (the assets are in the assembly).
        var server = new Uri(host.BaseUrl);
        var external = new List<string>();
        await context.RouteAsync("**/*", async route =>
        {
            var url = new Uri(route.Request.Url);
            if (url.Scheme is "data" or "blob" || (url.IsLoopback && url.Port == server.Port))
            {
                await route.ContinueAsync();
                return;
            }

            lock (external)
            {
                external.Add(route.Request.Url);
            }

            await route.AbortAsync();
        });
        // A blocked inline style or eval is a CSP violation even when the page still looks right; report it as an error.
        await context.AddInitScriptAsync(
            "document.addEventListener('securitypolicyviolation', e => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`))");
        var page = await context.NewPageAsync();
        var problems = WatchConsole(page);

        // The old URL and the main page's link both lead to Swagger UI.
        await page.GotoAsync(host.BaseUrl + "api-reference.html");
        Assert.EndsWith("/api-reference/index.html", page.Url, StringComparison.Ordinal);
        var predict = page.Locator("#operations-Predictions-CreatePrediction");
        await Assertions.Expect(predict.Locator(".opblock-summary-method")).ToHaveTextAsync("POST", new() { Timeout = 30_000 });
        await Assertions.Expect(predict.Locator(".opblock-summary-path")).ToHaveAttributeAsync("data-path", "/api/v1/predictions");
        await Assertions.Expect(predict.Locator(".opblock-summary-path")).ToContainTextAsync("/api/v1/predictions");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("https://cxr.dev/problems/undecodable-image");

        var batch = page.Locator("#operations-Predictions-CreateBatchPrediction");
        await batch.Locator(".opblock-summary-control").ClickAsync();
        await Assertions.Expect(batch).ToContainTextAsync("multipart/form-data");

        // The single-image upload also takes the raw body, typed image/jpeg (and the other image types).
        await predict.Locator(".opblock-summary-control").ClickAsync();
        await Assertions.Expect(predict).ToContainTextAsync("The image, as multipart/form-data or as the raw body.");
        var contentTypes = predict.Locator(".body-param-content-type select option");
        await Assertions.Expect(contentTypes.First).ToHaveAttributeAsync("value", "multipart/form-data");
        Assert.Contains("image/jpeg", await contentTypes.EvaluateAllAsync<string[]>("options => options.map(o => o.value)"));
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("[object");

        await page.GotoAsync(host.BaseUrl);
        await page.GetByRole(AriaRole.Link, new() { Name = "API reference" }).ClickAsync();
        await Assertions.Expect(page.Locator("#operations-Predictions-CreatePrediction")).ToBeVisibleAsync();

        Assert.Empty(problems);
        Assert.Empty(external);
    }

    private async Task<JsonElement> PredictAsync(string file)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(await File.ReadAllBytesAsync(file)), "image", Path.GetFileName(file) } };
        using var response = await host.Api.PostAsync("api/v1/predictions", form);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    // Console errors (a CSP violation, a failed asset, a script error) fail the test.
    private static List<string> WatchConsole(IPage page)
    {
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add(message.Text);
            }
        };
        page.PageError += (_, error) => problems.Add(error);
        return problems;
    }
}
