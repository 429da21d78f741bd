using Cxr.Core.Imaging;
using Cxr.Core.Imaging.Dicom;
using Microsoft.AspNetCore.Http;

namespace Cxr.Web.Problems;

/// <summary>
/// Every problem type the API returns. The type URIs are part of the API contract (clients switch on them): never
/// rename one, only add. docs/web.md lists them with examples.
/// </summary>
public static class ProblemTypes
{
    /// <summary>400: the request has no image (no <c>image</c> field, or an empty body without a content type).</summary>
    public static ApiProblem MissingImage { get; } = new(StatusCodes.Status400BadRequest, "missing-image", "No image in the request");

    /// <summary>400: the image data is empty (zero bytes).</summary>
    public static ApiProblem EmptyImage { get; } = new(StatusCodes.Status400BadRequest, "empty-image", "The image is empty");

    /// <summary>400: a batch with more images than <c>Cxr:MaxBatchImages</c>.</summary>
    public static ApiProblem TooManyImages { get; } = new(StatusCodes.Status400BadRequest, "too-many-images", "Too many images in one batch");

    /// <summary>400: any other malformed request (bad query value, broken multipart body, several images sent to the
    /// single-image endpoint).</summary>
    public static ApiProblem InvalidRequest { get; } = new(StatusCodes.Status400BadRequest, "invalid-request", "The request is malformed");

    /// <summary>404: no such endpoint or file.</summary>
    public static ApiProblem NotFound { get; } = new(StatusCodes.Status404NotFound, "not-found", "Not found");

    /// <summary>405: the endpoint exists but not for this HTTP method.</summary>
    public static ApiProblem MethodNotAllowed { get; } = new(StatusCodes.Status405MethodNotAllowed, "method-not-allowed", "Method not allowed");

    /// <summary>413: the request body is larger than <c>Cxr:MaxRequestBytes</c>.</summary>
    public static ApiProblem RequestTooLarge { get; } = new(StatusCodes.Status413PayloadTooLarge, "request-too-large", "The upload is too large");

    /// <summary>415: the request's content type is neither <c>multipart/form-data</c> nor an image type.</summary>
    public static ApiProblem UnsupportedMediaType { get; } = new(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "Unsupported content type");

    /// <summary>415: the uploaded bytes are not a JPEG, PNG, BMP, GIF, WebP or DICOM image (sniffed from the content, never
    /// from a file name or declared type).</summary>
    public static ApiProblem UnsupportedImageFormat { get; } = new(StatusCodes.Status415UnsupportedMediaType, "unsupported-image-format", "Not a supported image");

    /// <summary>422: the data claims a supported format but cannot be decoded (truncated or corrupt).</summary>
    public static ApiProblem UndecodableImage { get; } = new(StatusCodes.Status422UnprocessableEntity, "undecodable-image", "The image cannot be decoded");

    /// <summary>422: the image's width × height exceeds <c>Cxr:MaxPixels</c>.</summary>
    public static ApiProblem ImageDimensionsTooLarge { get; } = new(StatusCodes.Status422UnprocessableEntity, "image-dimensions-too-large", "The image has too many pixels");

    /// <summary>422: the image is narrower or shorter than the pipeline's minimum side (32 pixels): an icon, a
    /// thumbnail or a strip, not a radiograph.</summary>
    public static ApiProblem ImageTooSmall { get; } = new(StatusCodes.Status422UnprocessableEntity, "image-too-small", "The image is too small");

    /// <summary>422: a DICOM file that is read but whose image is not analysed by this version (several frames, palette
    /// or YBR colour, a bit depth other than 8 or 16, no pixel data); <c>detail</c> says which.</summary>
    public static ApiProblem UnsupportedDicomImage { get; } = new(StatusCodes.Status422UnprocessableEntity, "unsupported-dicom-image", "The DICOM image is not supported");

    /// <summary>422: the input guard judges the image not to be a frontal chest X-ray (a DICOM header that says another
    /// modality, FOR PROCESSING, another body part or a lateral view; colour, shape, flat, rotated, inverted or out of
    /// distribution; the document's <c>inputCheck</c> says which). Send <c>force=true</c> to get the
    /// model's answer anyway, with a warning.</summary>
    public static ApiProblem NotChestXray { get; } = new(StatusCodes.Status422UnprocessableEntity, "not-a-chest-xray", "Not a chest X-ray");

    /// <summary>422: <c>output=dicom</c> was asked for an image that is not DICOM: the answer objects join the input's
    /// study, and a JPEG, PNG, BMP, GIF or WebP has none. Send a DICOM file, or leave <c>output</c> out for JSON.</summary>
    public static ApiProblem NotDicomInput { get; } = new(StatusCodes.Status422UnprocessableEntity, "not-dicom-input", "DICOM output needs a DICOM input");

    /// <summary>429: this client sent more than <c>Cxr:RateLimit:PermitsPerMinute</c> requests; see <c>Retry-After</c>.</summary>
    public static ApiProblem RateLimited { get; } = new(StatusCodes.Status429TooManyRequests, "rate-limited", "Too many requests");

    /// <summary>500: a fault in the service itself (logged with the trace id; no internals are returned).</summary>
    public static ApiProblem InternalError { get; } = new(StatusCodes.Status500InternalServerError, "internal-error", "Internal error");

    /// <summary>503: every inference slot is busy and the wait queue is full; retry after <c>Retry-After</c> seconds.</summary>
    public static ApiProblem Overloaded { get; } = new(StatusCodes.Status503ServiceUnavailable, "overloaded", "The service is busy");

    /// <summary>503: the request took longer than <c>Cxr:RequestTimeoutSeconds</c>.</summary>
    public static ApiProblem Timeout { get; } = new(StatusCodes.Status503ServiceUnavailable, "timeout", "The request timed out");

    /// <summary>All problem types, for documentation and tests.</summary>
    public static IReadOnlyList<ApiProblem> All { get; } =
    [
        MissingImage, EmptyImage, TooManyImages, InvalidRequest, NotFound, MethodNotAllowed, RequestTooLarge,
        UnsupportedMediaType, UnsupportedImageFormat, UndecodableImage, ImageDimensionsTooLarge, ImageTooSmall,
        UnsupportedDicomImage, NotChestXray, NotDicomInput, RateLimited, InternalError, Overloaded, Timeout,
    ];

    /// <summary>The problem type for an image error's <see cref="ImageInputException.Code"/>.</summary>
    public static ApiProblem ForImageError(ImageInputException exception) => exception.Code switch
    {
        EmptyImageException.ErrorCode => EmptyImage,
        UnsupportedImageFormatException.ErrorCode => UnsupportedImageFormat,
        CorruptImageException.ErrorCode => UndecodableImage,
        ImageTooLargeException.ErrorCode => RequestTooLarge,
        ImageDimensionsTooLargeException.ErrorCode => ImageDimensionsTooLarge,
        ImageTooSmallException.ErrorCode => ImageTooSmall,
        UnsupportedDicomImageException.ErrorCode => UnsupportedDicomImage,
        _ => UndecodableImage,
    };

    /// <summary>The problem type for a bare status code (written by the framework without a body).</summary>
    public static ApiProblem ForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => InvalidRequest,
        StatusCodes.Status404NotFound => NotFound,
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed,
        StatusCodes.Status413PayloadTooLarge => RequestTooLarge,
        StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType,
        StatusCodes.Status429TooManyRequests => RateLimited,
        StatusCodes.Status503ServiceUnavailable => Overloaded,
        _ => InternalError,
    };
}
