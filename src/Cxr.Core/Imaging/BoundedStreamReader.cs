using System.Buffers;

namespace Cxr.Core.Imaging;

/// <summary>Reads a whole stream into a pooled buffer, giving up as soon as it has seen more than the limit.</summary>
internal static class BoundedStreamReader
{
    private const int InitialCapacity = 64 * 1024;

    /// <summary>
    /// Reads <paramref name="stream"/> to its end into a buffer rented from <see cref="ArrayPool{T}.Shared"/> (the
    /// caller returns it). Reads at most <paramref name="maxBytes"/> + 1 bytes: a seekable stream whose remaining length
    /// is already over the limit is refused without reading anything.
    /// </summary>
    /// <exception cref="ImageTooLargeException">The stream holds more than <paramref name="maxBytes"/> bytes.</exception>
    public static (byte[] Buffer, int Length) Read(Stream stream, long maxBytes)
    {
        var limit = checked((int)maxBytes);
        var capacity = InitialCapacity;
        if (stream.CanSeek)
        {
            var remaining = Math.Max(stream.Length - stream.Position, 0);
            if (remaining > maxBytes)
            {
                throw new ImageTooLargeException(remaining, maxBytes);
            }

            // One byte more than announced, so a stream that grew since is still caught below.
            capacity = (int)remaining + 1;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(capacity, limit + 1));
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > limit)
                    {
                        throw new ImageTooLargeException(null, maxBytes);
                    }

                    var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, limit + 1L));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                // Never ask for more than limit + 1 bytes in total.
                var want = Math.Min(buffer.Length, limit + 1) - length;
                var read = stream.Read(buffer, length, want);
                if (read == 0)
                {
                    return (buffer, length);
                }

                length += read;
                if (length > limit)
                {
                    throw new ImageTooLargeException(null, maxBytes);
                }
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }
}
