using System.Text;
using static Cxr.Tests.BadInputs.BadInputCorpus;

namespace Cxr.Tests.BadInputs;

/// <summary>
/// The one table of what every corpus item must get, read by the Core, CLI and web tests and rendered into
/// docs/reliability-corpus.md. To change an outcome (e.g. when the "is this a chest X-ray?" guard refuses the strip),
/// change its row here; every test and the documentation follow.
/// </summary>
internal static class BadInputExpectations
{
    /// <summary>The pipeline's message for data that starts like a supported format but cannot be decoded.</summary>
    public const string CorruptMessage = "The image data is corrupt or truncated and could not be decoded.";

    /// <summary>One row per corpus item, in corpus order.</summary>
    public static IReadOnlyList<BadInputExpectation> All { get; } =
    [
        Refused(Empty, "empty", "The file is empty (0 bytes).", 400, "empty-image"),
        Refused(OneByte, "unsupported_format",
            "Unsupported image format: the data does not start like any known image. Use JPEG, PNG, BMP, GIF or WebP.",
            415, "unsupported-image-format"),
        Corrupt(JpegCutAt1),
        Corrupt(JpegCutAfterHeaders),
        Corrupt(JpegCutAtHalf),
        // The decoder stops short of the last rows waiting for more data: indistinguishable from a cut upload.
        Corrupt(JpegCutLast2),
        Corrupt(PngCutAt1),
        Corrupt(PngCutAfterHeader),
        Corrupt(PngCutAtHalf),
        // Every pixel row is there (only the IEND checksum is cut): decoders, browsers included, show the image.
        Predicted(PngCutLast2),
        Predicted(JpegNamedPng),
        Refused(Html, "unsupported_format",
            "Unsupported image format: the data starts like an HTML page. Use JPEG, PNG, BMP, GIF or WebP.",
            415, "unsupported-image-format"),
        Refused(Pdf, "unsupported_format",
            "Unsupported image format: the data starts like a PDF document. Use JPEG, PNG, BMP, GIF or WebP.",
            415, "unsupported-image-format"),
        Refused(PngBomb, "too_many_pixels", "The image is 100000 × 100000 pixels (10,000 MP); the limit is 40 MP.",
            422, "image-dimensions-too-large"),
        // Guard: 16-bit, CMYK, animated, rotated and misnamed files decode to the drawn radiograph; whether the
        // "is this a chest X-ray?" guard accepts that drawing decides their final outcome.
        Predicted(Png16Bit),
        Predicted(CmykJpeg),
        Predicted(AnimatedGif),
        // The CLI refuses it from the file size before reading; the API refuses the request from its Content-Length
        // before reading the body, with the web layer's own wording.
        Refused(SixtyMegabytes, "too_many_bytes", "The file is 60,000,000 bytes (60 MB); the limit is 20 MB.",
            413, "request-too-large", "The upload is 60 MB; the limit is 20 MB per request."),
        Predicted(ExifRotated90),
        Predicted(ExifRotated180),
        Predicted(ExifRotated270),
        Refused(OnePixel, "too_small", "The image is 1 × 1 pixels; each side must be at least 32 pixels.",
            422, "image-too-small"),
        // Guard: an aspect ratio of 26.7 cannot be a chest film; the guard is to refuse it as not a chest X-ray.
        Predicted(Strip),
    ];

    /// <summary>The row for <paramref name="id"/>.</summary>
    public static BadInputExpectation For(string id) => All.SingleOrDefault(e => e.Id == id)
        ?? throw new ArgumentException($"No expectation for corpus item \"{id}\".", nameof(id));

    /// <summary>The Markdown table of docs/reliability-corpus.md: one row per item, <c>FILE</c> standing for the path
    /// given to <c>cxr predict</c>.</summary>
    public static string MarkdownTable()
    {
        var text = new StringBuilder()
            .Append("| Item | What it is | `cxr predict FILE` | `POST /api/v1/predictions` |\n")
            .Append("|---|---|---|---|\n");
        foreach (var expected in All)
        {
            var item = BadInputCorpus.Get(expected.Id);
            var cli = expected.Outcome == BadInputOutcome.Predicted
                ? "exit 0, a NORMAL/PNEUMONIA row"
                : $"exit {expected.CliExitCode}: `{expected.CliLine("FILE")}`";
            var api = expected.Outcome == BadInputOutcome.Predicted
                ? $"200 ({item.Displayed!.Format}, {item.Displayed.Width} × {item.Displayed.Height})"
                : $"{expected.ApiStatus} `{expected.ProblemSlug}`" +
                  (expected.ApiDetail == expected.Message ? "" : $": \"{expected.ApiDetail}\"");
            text.Append($"| `{item.Id}` | {item.Description} | {cli} | {api} |\n");
        }

        return text.ToString();
    }

    private static BadInputExpectation Refused(string id, string code, string message, int status, string slug, string? apiDetail = null)
        => new(id, BadInputOutcome.Refused, code, message, status, slug, apiDetail ?? message);

    private static BadInputExpectation Corrupt(string id) => Refused(id, "corrupt", CorruptMessage, 422, "undecodable-image");

    private static BadInputExpectation Predicted(string id) => new(id, BadInputOutcome.Predicted, null, null, 200, null, null);
}
