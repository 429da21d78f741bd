using System.Diagnostics;
using Spectre.Console;

namespace Cxr.Cli.Predictions;

/// <summary>A progress bar with ETA around a long loop, drawn on standard error (so JSON or CSV on standard output stays
/// clean, even when it is redirected to a file) and only when standard error is an interactive terminal and there are
/// more than <see cref="MinimumItems"/> items. It clears itself when done. Work that takes minutes can ask for plain
/// lines instead when standard error is not a terminal (one every <see cref="LineInterval"/>, with the ETA), so a log
/// of a background run shows it is alive.</summary>
internal static class ProgressDisplay
{
    public const int MinimumItems = 4;

    private static readonly TimeSpan LineInterval = TimeSpan.FromSeconds(15);

    /// <summary>Runs <paramref name="work"/>, which reports the number of items done through its argument.</summary>
    /// <param name="description">What is being done (shown before the bar or the line).</param>
    /// <param name="total">Number of items.</param>
    /// <param name="work">The loop.</param>
    /// <param name="linesWhenNoTerminal">Without a terminal, write a plain progress line with the ETA every
    /// <see cref="LineInterval"/> on standard error.</param>
    public static T Run<T>(string description, int total, Func<Action<int>, T> work, bool linesWhenNoTerminal = false)
    {
        if (total < MinimumItems)
        {
            return work(_ => { });
        }

        if (Console.IsErrorRedirected)
        {
            return work(linesWhenNoTerminal ? Lines(description, total) : _ => { });
        }

        // Spectre's own detection calls a console non-interactive when standard output is redirected, which is exactly
        // when a bar on standard error is most useful (predict --format csv > out.csv); the checks here are on stderr.
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error), Interactive = InteractionSupport.Yes });
        if (!console.Profile.Out.IsTerminal || !console.Profile.Capabilities.Ansi)
        {
            return work(linesWhenNoTerminal ? Lines(description, total) : _ => { });
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

    private static Action<int> Lines(string description, int total)
    {
        var clock = Stopwatch.StartNew();
        var last = TimeSpan.Zero;
        return done =>
        {
            var elapsed = clock.Elapsed;
            if (done <= 0 || done >= total || elapsed - last < LineInterval)
            {
                return;
            }

            last = elapsed;
            var eta = TimeSpan.FromSeconds(elapsed.TotalSeconds / done * (total - done));
            Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {description}: {done}/{total} ({100.0 * done / total:0} %), ETA {(int)eta.TotalMinutes}:{eta.Seconds:00}");
        };
    }
}
