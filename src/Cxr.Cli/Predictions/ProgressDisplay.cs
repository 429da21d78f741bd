using Spectre.Console;

namespace Cxr.Cli.Predictions;

/// <summary>A progress bar with ETA around a long loop, shown only on an interactive terminal and only for more than
/// <see cref="MinimumItems"/> items; it clears itself, so the results printed afterwards stand alone.</summary>
internal static class ProgressDisplay
{
    public const int MinimumItems = 4;

    /// <summary>Runs <paramref name="work"/>, which reports the number of items done through its argument.</summary>
    public static T Run<T>(string description, int total, Func<Action<int>, T> work)
    {
        var console = AnsiConsole.Console;
        if (total < MinimumItems || !console.Profile.Capabilities.Interactive || !console.Profile.Out.IsTerminal)
        {
            return work(_ => { });
        }

        T result = default!;
        console.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(description, maxValue: total);
                result = work(done => task.Value = done);
                task.StopTask();
            });
        return result;
    }
}
