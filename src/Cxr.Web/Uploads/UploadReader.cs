using System.Buffers;
using Cxr.Core.Text;
using Cxr.Web.Options;
using Cxr.Web.Problems;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Cxr.Web.Uploads;

/// <summary>
/// Reads images from a request body into memory, either as <c>multipart/form-data</c> (fields <c>image</c> or
/// <c>images</c>) or as a raw body with an image content type. The form is parsed by streaming
/// <see cref="MultipartReader"/> sections, never by <c>ReadFormAsync</c> (which spools large files to disk). The whole
/// body is bounded by <see cref="CxrWebOptions.MaxRequestBytes"/>.
/// </summary>
public sealed class UploadReader(IOptions<CxrWebOptions> options)
{
    /// <summary>Form field of the single-image endpoint (also accepted by the batch endpoint).</summary>
    public const string ImageField = "image";

    /// <summary>Form field of the batch endpoint (repeat it once per image).</summary>
    public const string ImagesField = "images";

    private const int InitialBufferBytes = 64 * 1024;

    private readonly long _maxBytes = options.Value.MaxRequestBytes;

    /// <summary>Reads the one image of a single-image request.</summary>
    /// <exception cref="ApiProblemException">400 (no image, several images, broken form), 413 (too large) or 415
    /// (content type neither multipart nor an image).</exception>
    public async Task<UploadedImage> ReadSingleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var images = await ReadAsync(request, maxImages: 1, batch: false, cancellationToken).ConfigureAwait(false);
        return images[0];
    }

    /// <summary>Reads the 1..<paramref name="maxImages"/> images of a batch request, in the order sent.</summary>
    /// <inheritdoc cref="ReadSingleAsync" path="/exception"/>
    public Task<List<UploadedImage>> ReadBatchAsync(HttpRequest request, int maxImages, CancellationToken cancellationToken) =>
        ReadAsync(request, maxImages, batch: true, cancellationToken);

    /// <summary>Throws 413 when the declared length is over the limit, before anything is read.</summary>
    public void RejectOversizedContentLength(HttpRequest request)
    {
        if (request.ContentLength is { } length && length > _maxBytes)
        {
            throw TooLarge(length);
        }
    }

    private async Task<List<UploadedImage>> ReadAsync(HttpRequest request, int maxImages, bool batch, CancellationToken cancellationToken)
    {
        RejectOversizedContentLength(request);
        var contentType = request.ContentType;
        if (string.IsNullOrEmpty(contentType))
        {
            if (request.ContentLength is null or 0 && !HasChunkedBody(request))
            {
                throw new ApiProblemException(ProblemTypes.MissingImage, batch
                    ? "Send the images as multipart/form-data, one \"images\" field per file."
                    : "Send the image as multipart/form-data in a field named \"image\", or as the raw request body with an image content type (e.g. image/jpeg).");
            }

            throw new ApiProblemException(ProblemTypes.UnsupportedMediaType,
                "The request has a body but no Content-Type. Use multipart/form-data or an image content type such as image/jpeg.");
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType))
        {
            throw new ApiProblemException(ProblemTypes.UnsupportedMediaType, $"The Content-Type \"{contentType}\" cannot be parsed.");
        }

        if (mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return await ReadMultipartAsync(request, mediaType, maxImages, batch, cancellationToken).ConfigureAwait(false);
        }

        if (batch)
        {
            throw new ApiProblemException(ProblemTypes.UnsupportedMediaType,
                $"The batch endpoint takes multipart/form-data (one \"images\" field per file); got {mediaType.MediaType}.");
        }

        if (!IsImageMediaType(mediaType.MediaType.Value))
        {
            throw new ApiProblemException(ProblemTypes.UnsupportedMediaType,
                $"Content-Type {mediaType.MediaType} is not accepted. Send multipart/form-data with an \"image\" field, or a raw body typed image/jpeg, image/png, image/bmp, image/gif, image/webp, application/dicom or application/octet-stream.");
        }

        var budget = new ByteBudget(_maxBytes);
#pragma warning disable CA2000 // Ownership transfer: the image goes to the caller in the returned list; the endpoint disposes it.
        return [await ReadBodyAsync(request.Body, fileName: null, budget, request.ContentLength, cancellationToken).ConfigureAwait(false)];
#pragma warning restore CA2000
    }

    private async Task<List<UploadedImage>> ReadMultipartAsync(HttpRequest request, MediaTypeHeaderValue mediaType, int maxImages, bool batch, CancellationToken cancellationToken)
    {
        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrWhiteSpace(boundary) || boundary.Length > 200)
        {
            throw new ApiProblemException(ProblemTypes.InvalidRequest, "The multipart/form-data Content-Type has no valid boundary.");
        }

        var reader = new MultipartReader(boundary, request.Body)
        {
            HeadersCountLimit = 16,
            HeadersLengthLimit = 16 * 1024,
            BodyLengthLimit = _maxBytes,
        };
        var budget = new ByteBudget(_maxBytes);
        var images = new List<UploadedImage>();
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) ||
                    !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
                var isImage = string.Equals(name, ImageField, StringComparison.Ordinal) ||
                              (batch && string.Equals(name, ImagesField, StringComparison.Ordinal));
                if (!isImage)
                {
                    // Other fields are drained (counted against the limit) and ignored.
                    await DrainAsync(section.Body, budget, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (images.Count == maxImages)
                {
                    throw batch
                        ? new ApiProblemException(ProblemTypes.TooManyImages, $"A batch holds at most {maxImages} images; send the rest in another request.")
                        : new ApiProblemException(ProblemTypes.InvalidRequest, "This endpoint takes one image; use POST /api/v1/predictions/batch for several.");
                }

                var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar).Value ??
                               HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                images.Add(await ReadBodyAsync(section.Body, SafeFileName(fileName), budget, expectedLength: null, cancellationToken).ConfigureAwait(false));
            }
        }
        catch (InvalidDataException e)
        {
            DisposeAll(images);
            // Only the body limit means "too large"; the header and line limits mean a malformed form (the body's
            // part headers never end), which is 400, not 413.
            throw e.Message.Contains("body length limit", StringComparison.OrdinalIgnoreCase)
                ? TooLarge(null)
                : new ApiProblemException(ProblemTypes.InvalidRequest, $"The multipart/form-data body is malformed: {e.Message}");
        }
        catch (IOException e) when (!request.HttpContext.RequestAborted.IsCancellationRequested && e is not ConnectionResetException)
        {
            DisposeAll(images);
            throw new ApiProblemException(ProblemTypes.InvalidRequest, "The multipart/form-data body ends before its closing boundary.");
        }
        catch
        {
            DisposeAll(images);
            throw;
        }

        if (images.Count == 0)
        {
            throw new ApiProblemException(ProblemTypes.MissingImage, batch
                ? "The form has no image: add one \"images\" field per file."
                : "The form has no field named \"image\".");
        }

        return images;
    }

    private async Task<UploadedImage> ReadBodyAsync(Stream body, string? fileName, ByteBudget budget, long? expectedLength, CancellationToken cancellationToken)
    {
        var initial = (int)Math.Clamp(expectedLength ?? InitialBufferBytes, 1, Math.Min(_maxBytes, InitialBufferBytes * 64L));
        var buffer = ArrayPool<byte>.Shared.Rent(initial);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, _maxBytes + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
                    buffer = larger;
                }

                var read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (!budget.Spend(read))
                {
                    throw TooLarge(null);
                }
            }

            return new UploadedImage(buffer, length, fileName);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
            throw;
        }
    }

    private static async Task DrainAsync(Stream body, ByteBudget budget, CancellationToken cancellationToken)
    {
        var scratch = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await body.ReadAsync(scratch, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (!budget.Spend(read))
                {
                    throw new ApiProblemException(ProblemTypes.RequestTooLarge, "The request body is larger than the limit.");
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch, clearArray: true);
        }
    }

    private ApiProblemException TooLarge(long? actual) => new(ProblemTypes.RequestTooLarge, actual is { } bytes
        ? $"The upload is {ByteSize.Format(bytes)}; the limit is {ByteSize.Format(_maxBytes)} per request."
        : $"The upload is larger than the limit of {ByteSize.Format(_maxBytes)} per request.");

    private static bool IsImageMediaType(string? mediaType) =>
        mediaType is not null &&
        (mediaType.StartsWith("image/", StringComparison.OrdinalIgnoreCase) ||
         mediaType.Equals("application/dicom", StringComparison.OrdinalIgnoreCase) ||
         mediaType.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase));

    private static bool HasChunkedBody(HttpRequest request) =>
        request.Headers.TransferEncoding.ToString().Contains("chunked", StringComparison.OrdinalIgnoreCase);

    // Only the last path segment, without control characters, at most 255 characters: it is echoed back in results.
    private static string? SafeFileName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var last = name.Replace('\\', '/').Split('/')[^1];
        var clean = new string(last.Where(c => !char.IsControl(c)).Take(255).ToArray());
        return clean.Length == 0 ? null : clean;
    }

    private static void DisposeAll(List<UploadedImage> images)
    {
        foreach (var image in images)
        {
            image.Dispose();
        }
    }
}
