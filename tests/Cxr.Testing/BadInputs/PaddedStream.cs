namespace Cxr.Testing.BadInputs;

/// <summary>
/// A read-only, seekable stream of <see cref="Length"/> bytes: <c>prefix</c>, then zeros. The zeros are produced as
/// they are read, so a 60 MB upload or file costs no 60 MB array.
/// </summary>
public sealed class PaddedStream(byte[] prefix, long length) : Stream
{
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length { get; } = length;

    public override long Position
    {
        get => _position;
        set => _position = Math.Clamp(value, 0, Length);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = (int)Math.Min(buffer.Length, Length - _position);
        if (n <= 0)
        {
            return 0;
        }

        var target = buffer[..n];
        target.Clear();
        if (_position < prefix.Length)
        {
            var fromPrefix = prefix.AsSpan((int)_position, (int)Math.Min(n, prefix.Length - _position));
            fromPrefix.CopyTo(target);
        }

        _position += n;
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Read(buffer.Span));

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => Length + offset,
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
