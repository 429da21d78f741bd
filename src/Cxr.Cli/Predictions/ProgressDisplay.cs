using Spectre.Console;

namespace Cxr.Cli.Predictions;

/// <summary>A progress bar with ETA around a long loop, drawn on standard error (so JSON or CSV on standard output stays
/// clean, even when it is redirected to a file) and only when standard error is an interactive terminal and there are
/// more than <see cref="MinimumItems"/> items. It clears itself when done.</summary>
internal static class ProgressDisplay
{
    public const int MinimumItems = 4;

    /// <summary>Runs <paramref name="work"/>, which reports the number of items done through its argument.</summary>
    public static T Run<T>(string description, int total, Func<Action<int>, T> work)
    {
        if (total < MinimumItems || Console.IsErrorRedirected)
        {
            return work(_ => { });
        }

        // Spectre's own detection calls a console non-interactive when standard output is redirected, which is exactly
        // when a bar on standard error is most useful (predict --format csv > out.csv); the checks here are on stderr.
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error), Interactive = InteractionSupport.Yes });
        if (!console.Profile.Out.IsTerminal || !console.Profile.Capabilities.Ansi)
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
