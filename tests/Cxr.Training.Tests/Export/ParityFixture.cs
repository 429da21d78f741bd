using System.Collections.Concurrent;

namespace Cxr.Training.Tests.Export;

/// <summary>Builds each <see cref="ParityCase"/> once for all parity tests.</summary>
public sealed class ParityFixture : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<ParityCase>> _cases = new(StringComparer.Ordinal);

    internal ParityCase Get(string kind) => _cases.GetOrAdd(kind, k => new Lazy<ParityCase>(() => new ParityCase(k))).Value;

    public void Dispose()
    {
        foreach (var entry in _cases.Values.Where(c => c.IsValueCreated))
        {
            entry.Value.Dispose();
        }
    }
}
