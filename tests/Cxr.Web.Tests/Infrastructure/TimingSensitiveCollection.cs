namespace Cxr.Web.Tests.Infrastructure;

/// <summary>Tests that measure how soon a timer-driven cancellation (the request timeout) takes effect: they run alone,
/// because the other test classes' synchronous inference work can starve the thread pool that runs the timeout's timer
/// (seen once in a full run: the 0.5 s timeout fired only after a 3.2 s batch had finished).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitiveCollection
{
    public const string Name = "Timing-sensitive (run alone)";
}
