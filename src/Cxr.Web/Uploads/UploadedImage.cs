using System.Buffers;

namespace Cxr.Web.Uploads;

/// <summary>
/// One uploaded file held in memory only, in a buffer rented from <see cref="ArrayPool{T}.Shared"/> (uploads are never
/// written to disk). Dispose it to return the buffer; the bytes are cleared first, so no patient image lingers in the pool.
/// </summary>
public sealed class UploadedImage : IDisposable
{
    private byte[]? _buffer;

    internal UploadedImage(byte[] buffer, int length, string? fileName)
    {
        _buffer = buffer;
        Length = length;
        FileName = fileName;
    }

    /// <summary>Number of bytes received.</summary>
    public int Length { get; }

    /// <summary>The client's file name (multipart only), for display; never used to pick a decoder.</summary>
    public string? FileName { get; }

    /// <summary>The encoded image bytes.</summary>
    public ReadOnlySpan<byte> Data => (_buffer ?? throw new ObjectDisposedException(nameof(UploadedImage))).AsSpan(0, Length);

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
        }
    }
}
