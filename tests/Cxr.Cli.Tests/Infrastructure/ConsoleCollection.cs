namespace Cxr.Cli.Tests.Infrastructure;

/// <summary>
/// Tests that swap the process-wide consoles (<c>AnsiConsole.Console</c>, <c>Console.Out</c>/<c>Error</c>) run in this
/// collection, which xunit runs alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "process console";
}
