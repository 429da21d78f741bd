namespace Cxr.Web.Options;

/// <summary>
/// Service settings, bound from the <c>Cxr</c> configuration section (<c>appsettings.json</c>, environment variables
/// such as <c>Cxr__MaxRequestBytes</c>, or <c>--Cxr:MaxRequestBytes=...</c> on the command line). Every default is
/// usable on a 2-core VM.
/// </summary>
public sealed class CxrWebOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Cxr";

    /// <summary>The model used when <see cref="ModelPath"/> is not set, relative to the working directory.</summary>
    public const string DefaultModelPath = "models/cxr-default.onnx";

    /// <summary>Path of the ONNX model; loaded once at startup, which fails when it is missing or invalid.</summary>
    public string ModelPath { get; set; } = DefaultModelPath;

    /// <summary>Largest accepted request body in bytes (a whole multipart batch counts once); default 20,000,000
    /// (20 MB). Larger bodies get 413 before they are read.</summary>
    public long MaxRequestBytes { get; set; } = 20_000_000;

    /// <summary>Largest accepted decoded image, <c>width × height</c>; default 25,000,000 (the pipeline's limit).</summary>
    public long MaxPixels { get; set; } = 25_000_000;

    /// <summary>Most images in one <c>POST /api/v1/predictions/batch</c> request (1..256, default 32).</summary>
    public int MaxBatchImages { get; set; } = 32;

    /// <summary>Requests that may decode and run the model at the same time (default 2: one per core).</summary>
    public int MaxConcurrentInferences { get; set; } = 2;

    /// <summary>Requests that may wait for an inference slot; the next one gets 503 with <c>Retry-After</c> at once
    /// (default 32, about 0.1 s of work on 2 cores: a short queue sheds load instead of piling it up).</summary>
    public int QueueLimit { get; set; } = 32;

    /// <summary>ONNX Runtime intra-op threads per inference (default 1; concurrency comes from
    /// <see cref="MaxConcurrentInferences"/>).</summary>
    public int IntraOpThreads { get; set; } = 1;

    /// <summary>Longest time an API request may take, including its upload and its wait for a slot, before it is
    /// answered with 503 (default 30 s).</summary>
    public double RequestTimeoutSeconds { get; set; } = 30;

    /// <summary>Per-client rate limit.</summary>
    public RateLimitOptions RateLimit { get; set; } = new();

    /// <summary>Console log format: <c>text</c> (one line per entry, default) or <c>json</c>.</summary>
    public string LogFormat { get; set; } = "text";
}
