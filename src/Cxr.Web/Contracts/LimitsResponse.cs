namespace Cxr.Web.Contracts;

/// <summary>The service's input limits, so clients can check files before uploading them.</summary>
/// <param name="MaxRequestBytes">Largest request body in bytes.</param>
/// <param name="MaxPixels">Largest decoded image, width × height.</param>
/// <param name="MaxBatchImages">Most images per batch request.</param>
/// <param name="Formats">Accepted image formats (detected from content).</param>
/// <param name="MinSidePixels">Smallest accepted width and height (as displayed); smaller images are a 422
/// <c>image-too-small</c>.</param>
public sealed record LimitsResponse(long MaxRequestBytes, long MaxPixels, int MaxBatchImages, IReadOnlyList<string> Formats, int MinSidePixels);
