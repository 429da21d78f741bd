namespace Cxr.Web.Contracts;

/// <summary>The service's input limits, so clients can check files before uploading them.</summary>
/// <param name="MaxRequestBytes">Largest request body in bytes.</param>
/// <param name="MaxPixels">Largest decoded image, width × height.</param>
/// <param name="MaxBatchImages">Most images per batch request.</param>
/// <param name="Formats">Accepted image formats (detected from content).</param>
public sealed record LimitsResponse(long MaxRequestBytes, long MaxPixels, int MaxBatchImages, IReadOnlyList<string> Formats);
