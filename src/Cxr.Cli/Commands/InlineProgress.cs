namespace Cxr.Cli.Commands;

/// <summary>
/// An <see cref="IProgress{T}"/> that runs its handler on the reporting thread (unlike <see cref="Progress{T}"/>, which
/// posts it elsewhere and may run it after the work finished). The handler must be thread-safe.
/// </summary>
internal sealed class InlineProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
