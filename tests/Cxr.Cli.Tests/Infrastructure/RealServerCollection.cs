namespace Cxr.Cli.Tests.Infrastructure;

/// <summary>
/// Tests that drive a real <c>cxr serve</c> process (overload, cancellations, graceful shutdown) run in this collection,
/// which xunit runs alone, after the parallel ones: their rates and memory numbers must not share the CPU with other
/// tests of this assembly.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealServerCollection
{
    public const string Name = "real cxr serve";
}
