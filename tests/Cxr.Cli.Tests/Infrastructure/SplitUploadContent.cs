using System.Net;
using System.Net.Http.Headers;

namespace Cxr.Cli.Tests.Infrastructure;

/// <summary>
/// A request body sent in two parts: the first <c>firstPartBytes</c> at once, then nothing until <see cref="Resume"/>
/// (or until the request is cancelled, which aborts the upload mid-body). <see cref="FirstPartSent"/> completes once the
/// first part is flushed to the socket. With <c>declareLength</c> false the body goes chunked.
/// </summary>
internal sealed class SplitUploadContent : HttpContent
{
    private readonly byte[] _body;
    private readonly int _firstPartBytes;
    private readonly bool _declareLength;
    private readonly TaskCompletionSource _firstPartSent = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _resume = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SplitUploadContent(byte[] body, int firstPartBytes, string contentType, bool declareLength = true)
    {
        _body = body;
        _firstPartBytes = Math.Clamp(firstPartBytes, 0, body.Length);
        _declareLength = declareLength;
        Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
    }

    /// <summary>Completes when the first part has been written and flushed.</summary>
    public Task FirstPartSent => _firstPartSent.Task;

    /// <summary>Sends the rest of the body.</summary>
    public void Resume() => _resume.TrySetResult();

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(_body.AsMemory(0, _firstPartBytes), cancellationToken);
        await stream.FlushAsync(cancellationToken);
        _firstPartSent.TrySetResult();
        await _resume.Task.WaitAsync(cancellationToken);
        await stream.WriteAsync(_body.AsMemory(_firstPartBytes), cancellationToken);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _body.Length;
        return _declareLength;
    }
}
