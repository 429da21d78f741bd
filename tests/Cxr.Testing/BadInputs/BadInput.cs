namespace Cxr.Testing.BadInputs;

/// <summary>
/// One generated file of the bad-input corpus. Small items are built once and kept; a large item is a prefix followed
/// by zeros, streamed on every <see cref="Open"/> and written as a sparse file, never held in memory whole.
/// </summary>
public sealed class BadInput
{
    private readonly Lazy<byte[]> _bytes;
    private readonly long? _paddedLength;

    /// <summary>An item small enough to keep in memory; <paramref name="bytes"/> runs once, on first use.</summary>
    public BadInput(string id, string fileName, string description, Func<byte[]> bytes, DisplayedImage? displayed = null)
    {
        Id = id;
        FileName = fileName;
        Description = description;
        Displayed = displayed;
        _bytes = new Lazy<byte[]>(bytes, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>A large item: <paramref name="prefix"/>, then zeros up to <paramref name="length"/> bytes.</summary>
    public BadInput(string id, string fileName, string description, Func<byte[]> prefix, long length)
        : this(id, fileName, description, prefix)
    {
        _paddedLength = length;
    }

    /// <summary>Stable identifier (kebab-case), used as the test case name and in docs/reliability-corpus.md.</summary>
    public string Id { get; }

    /// <summary>The name it is saved or uploaded under (the extension may lie on purpose).</summary>
    public string FileName { get; }

    /// <summary>One line: what the item is.</summary>
    public string Description { get; }

    /// <summary>Format and displayed size for items that are valid images; null for the others.</summary>
    public DisplayedImage? Displayed { get; }

    /// <summary>Size in bytes.</summary>
    public long Length => _paddedLength ?? _bytes.Value.LongLength;

    /// <summary>The content of a small item (a large one must be streamed with <see cref="Open"/> or
    /// <see cref="WriteTo"/>).</summary>
    public byte[] Bytes() => _paddedLength is null ? _bytes.Value : throw new InvalidOperationException(
        $"{Id} is {Length:N0} bytes: use Open() or WriteTo() instead of holding it in memory.");

    /// <summary>A new read-only, seekable stream of the content.</summary>
    public Stream Open() => _paddedLength is { } length
        ? new PaddedStream(_bytes.Value, length)
        : new MemoryStream(_bytes.Value, writable: false);

    /// <summary>Writes the content to <c>folder/FileName</c> (the zeros of a large item as a sparse tail where the file
    /// system allows) and returns that path.</summary>
    public string WriteTo(string folder)
    {
        var path = Path.Combine(folder, FileName);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        file.Write(_bytes.Value);
        if (_paddedLength is { } length)
        {
            file.SetLength(length);
        }

        return path;
    }

    public override string ToString() => Id;
}
