namespace Cxr.Core.Tests.Data;

/// <summary>Runs the handler on the reporting thread, so every report has arrived when the call returns.</summary>
internal sealed class SyncProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
