namespace Cxr.Core.Imaging;

/// <summary>
/// A read-only, seekable stream over a byte array that pretends the data after <see cref="Limit"/> has not arrived
/// yet: reads stop there (returning 0) while <see cref="Length"/> is the whole array. Skia's incremental decoders
/// (PNG, GIF) then decode only the rows the data so far holds and return <c>IncompleteInput</c>; raising the limit and
/// calling again continues where they stopped. That is how <see cref="ImagePipeline"/> checks for cancellation in the
/// middle of a PNG or GIF, for which Skia has no scanline decoder; the pixels are the same as from one call.
/// </summary>
internal sealed class GatedStream(byte[] data, int length) : Stream
{
    private long position;

    /// <summary>The end of the data that reads can reach, in [0, <see cref="Length"/>].</summary>
    public long Limit { get; set; }

    /// <summary>True when <see cref="Limit"/> has reached the end of the data.</summary>
    public bool IsOpen => Limit >= length;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => position;
        set => position = Math.Clamp(value, 0, length);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var available = (int)Math.Clamp(Math.Min(Limit, length) - position, 0, buffer.Length);
        data.AsSpan((int)position, available).CopyTo(buffer);
        position += available;
        return available;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => position + offset,
            _ => length + offset,
        };
        return position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
